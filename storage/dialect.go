package storage

import (
	"strconv"
	"strings"
	"sync"
)

// The store's statements are written once, in the SQL both backends
// share; what differs is rewritten here, statement by statement, as each
// is first run (then cached):
//
//   - placeholders: SQLite's ? become PostgreSQL's $1, $2, …;
//   - greatest(a, b) and least(a, b): PostgreSQL's; SQLite spells them
//     max(a, b) and min(a, b);
//   - a list passed as one JSON array, json_each(?): PostgreSQL reads it
//     with json_array_elements_text;
//   - the empty blob x'': PostgreSQL's '\x'::bytea.
//
// Arguments differ too: PostgreSQL's BIGINT flag columns take 0 and 1,
// not Go's bool.

// dialect rewrites statements for one backend.
type dialect struct {
	pg    bool
	cache sync.Map // query text → rewritten (PostgreSQL)
}

// rewrite is query in the backend's SQL.
func (d *dialect) rewrite(query string) string {
	if !d.pg {
		if strings.Contains(query, "greatest(") || strings.Contains(query, "least(") {
			query = strings.NewReplacer("greatest(", "max(", "least(", "min(").Replace(query)
		}
		return query
	}
	if v, ok := d.cache.Load(query); ok {
		return v.(string)
	}
	out := pgRewrite(query)
	d.cache.Store(query, out)
	return out
}

var pgReplacer = strings.NewReplacer(
	"json_each(?)", "json_array_elements_text(?::json) AS value",
	"x''", `'\x'::bytea`,
)

// pgRewrite turns a statement in the shared SQL into PostgreSQL's:
// numbered placeholders (none inside quoted text).
func pgRewrite(query string) string {
	query = pgReplacer.Replace(query)
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	quoted := false
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'':
			quoted = !quoted
		case c == '?' && !quoted:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// args are a statement's arguments for the backend.
func (d *dialect) args(args []any) []any {
	if !d.pg {
		return args
	}
	var out []any // a copy, made at the first flag
	for i, a := range args {
		if v, ok := a.(bool); ok {
			if out == nil {
				out = append([]any(nil), args...)
			}
			out[i] = boolInt(v)
		}
	}
	if out == nil {
		return args
	}
	return out
}

func boolInt(v bool) int64 {
	if v {
		return 1
	}
	return 0
}
