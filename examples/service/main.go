// Service is a small JSON web service built on the library, the way a
// case-management system would embed it: POST a case's log in the pathway
// JSON format and get back its stage and every deadline as of a date.
//
//	go run ./examples/service [-addr 127.0.0.1:8080]
//
//	curl -s --data-binary @case.json 'http://127.0.0.1:8080/deadlines?as_of=2025-01-28'
//
// The as_of query parameter (YYYY-MM-DD) defaults to today in England
// (Europe/London), whatever the server's own zone. A body that is not a
// valid case log gets 400 and a JSON error saying what is wrong and where
// (line, event index, field); a body over the size limit gets 413; any
// method but POST gets 405. The handler is NewHandler, for hosts that mount
// it in their own server.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"time"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/pathway"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("service", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; the default is reachable only from this machine")
	maxBody := fs.Int64("max-body", DefaultMaxBody, "largest request body accepted, in bytes")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 0 || *maxBody <= 0 {
		fmt.Fprintln(stderr, "usage: service [-addr HOST:PORT] [-max-body BYTES]")
		return 2
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "service:", err)
		return 1
	}
	srv := &http.Server{
		Handler:           NewHandler(Config{MaxBody: *maxBody}),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	fmt.Fprintf(stdout, "listening on http://%s/deadlines\n", ln.Addr())
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(stderr, "service:", err)
		return 1
	}
	return 0
}

// DefaultMaxBody is the request size limit when Config gives none: a case
// log is a few kilobytes, so a megabyte is generous and still bounds what
// one request can make the server hold.
const DefaultMaxBody = 1 << 20

// Config configures NewHandler. The zero Config is ready to use.
type Config struct {
	// Now gives the current instant, from which the default as-of date is
	// taken in Europe/London; nil means time.Now. Tests fix it.
	Now func() time.Time
	// MaxBody is the largest request body accepted, in bytes; 0 means
	// DefaultMaxBody.
	MaxBody int64
	// Options apply to every case: a calendar with newly proclaimed
	// holidays, a rulebook with a local protocol.
	Options []pathway.Option
}

// NewHandler returns the service's handler. It serves POST /deadlines and
// answers every other path with 404; all its answers are JSON.
func NewHandler(cfg Config) http.Handler {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/deadlines", cfg.deadlines)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, apiError{Error: fmt.Sprintf("no such endpoint %q; POST a case log to /deadlines", r.URL.Path)})
	})
	return mux
}

// A Response is the answer to a case log: the case as it stood at the end
// of the as-of date. Its deadlines are pathway.Clock values in their JSON
// form, which carry each rule with its citation.
type Response struct {
	ID        string          `json:"id"`
	AsOf      holidays.Date   `json:"as_of"`
	Stage     pathway.Stage   `json:"stage"`
	Late      bool            `json:"late"` // a deadline is late, overdue or missed
	Deadlines []pathway.Clock `json:"deadlines"`
}

// apiError is the body of every error response. The location fields say
// where the fault is, as far as it is known: a line of the body, an event's
// index in the log, a JSON field, or a query parameter.
type apiError struct {
	Error string `json:"error"`
	Line  int    `json:"line,omitempty"`
	Event *int   `json:"event,omitempty"`
	Field string `json:"field,omitempty"`
	Param string `json:"param,omitempty"`
}

func (cfg Config) deadlines(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeJSON(w, http.StatusMethodNotAllowed, apiError{Error: fmt.Sprintf("method %s not allowed; POST a case log", r.Method)})
		return
	}
	asOf := holidays.DateOf(cfg.Now())
	if q := r.URL.Query(); q.Has("as_of") {
		d, err := holidays.ParseDate(q.Get("as_of"))
		if err != nil {
			writeJSON(w, http.StatusBadRequest, apiError{Error: err.Error(), Param: "as_of"})
			return
		}
		asOf = d
	}

	body := http.MaxBytesReader(w, r.Body, cfg.MaxBody)
	dec := pathway.NewDecoder(body, cfg.Options...)
	c, err := dec.Decode()
	if err == nil {
		// One case per request: anything after it is a mistake worth
		// reporting rather than ignoring.
		if _, extra := dec.Decode(); extra != io.EOF {
			if extra == nil {
				extra = errors.New("the body holds more than one case; send one per request")
			}
			err = extra
		}
	}
	if err != nil {
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			writeJSON(w, http.StatusRequestEntityTooLarge, apiError{Error: fmt.Sprintf("request body larger than %d bytes", tooBig.Limit)})
		case errors.Is(err, io.EOF):
			writeJSON(w, http.StatusBadRequest, apiError{Error: "empty body; POST a case log"})
		default:
			writeJSON(w, http.StatusBadRequest, decodeError(err))
		}
		return
	}

	clocks, err := c.Deadlines(asOf)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, apiError{Error: err.Error(), Param: "as_of"})
		return
	}
	resp := Response{ID: c.ID(), AsOf: asOf, Stage: c.StageAt(asOf), Deadlines: clocks}
	for _, k := range clocks {
		resp.Late = resp.Late || k.Status.IsLate()
	}
	writeJSON(w, http.StatusOK, resp)
}

// decodeError turns the library's typed error into the response's fields.
func decodeError(err error) apiError {
	e := apiError{Error: err.Error()}
	var de *pathway.DecodeError
	if errors.As(err, &de) {
		e.Line, e.Field = de.Line, de.Field
		if de.Event >= 0 {
			e.Event = &de.Event
		}
	}
	return e
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		// Every value written here marshals; this is a bug, not input.
		status = http.StatusInternalServerError
		b = []byte(`{"error":"internal error"}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}
