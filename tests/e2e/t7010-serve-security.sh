# praxis serve is safe by construction: off the loopback it needs a token
# and answers 401 to every route without it; no path outside the
# committed notes can be read (a table of traversals: "..", %2e%2e,
# absolute paths, a committed symbolic link, a file never committed);
# every answer of every route carries the security headers; the bounds
# (URL, parameters, query, body, methods) are answered, not crashed on; a
# slow client neither blocks the others nor keeps its connection.
. "$TOP/tests/e2e/lib.sh"
. "$TOP/tests/e2e/lib-serve.sh"
set -e
git_identity
demo_kb kb
TOKEN=0123456789abcdef-test-token

# -- a hostile note, a committed link, a file never committed -------------
sed 's/^title: .*/title: "<script>alert(1)<\/script>"/; s/^session: .*/session: 9/; s/^date: .*/date: 2023-06-01/' \
	2022-2023/zuid/07.md > 2022-2023/zuid/09.md
printf '\n\\<img src=x onerror=alert(2)\\> "quote" & #tijd\n' >> 2022-2023/zuid/09.md
px commit --author "Test <t@example.org>" -m hostile
[ "$rc" -eq 0 ] || fail "commit of the hostile note: $rc $out $err"
ln -s /etc/passwd 2022-2023/zuid/98.md
git add 2022-2023/zuid/98.md && git commit -q -m "a link, by git itself"
cp 2022-2023/zuid/07.md 2022-2023/zuid/97.md

# -- the token: refused without one off the loopback -----------------------
px serve --listen 0.0.0.0:0
expect_rc 2
expect_err <<'TXT'
praxis: error: listening on '0.0.0.0:0', which other computers can reach, needs --token [serve]
TXT
px serve --listen 127.0.0.1:0 --token short
expect_rc 2
expect_err <<'TXT'
praxis: error: the token must be 16 to 256 visible ASCII characters (letters, digits, -._~+/=)
TXT
px serve --listen nowhere
expect_rc 2
expect_err <<'TXT'
praxis: error: --listen needs ADDRESS:PORT (a port from 0 to 65535), not 'nowhere' [serve]
TXT

SERVE_LISTEN=0.0.0.0:0 serve_start . --token "$TOKEN"
# on every address: the first line is an address a browser here opens,
# the second where other computers go
port=${URL#http://127.0.0.1:}
port=${port%/}
[ "$(sed -n 2p "$TMPDIR/serve.out")" = "listening on every address of this computer: from another computer, open http://$(hostname):$port/ (with the token)" ] ||
	fail "on 0.0.0.0, the second line: $(sed -n 2p "$TMPDIR/serve.out")"
# every route of the table in src/web.c, with a sample for the prefixes
routes=$(sed -n 's/^[[:space:]]*{ "\(\/[^"]*\)", [a-z_]* },$/\1/p' "$TOP/src/web.c")
[ "$(printf '%s\n' "$routes" | wc -l)" -ge 6 ] || fail "too few routes read from src/web.c: $routes"
sample() {
	case $1 in
	/api/codes/|/codes/) echo "$1tijd" ;;
	/api/notes/|/notes/) echo "${1}2022-2023/zuid/01.md" ;;
	/static/) echo "${1}report.css" ;;
	/api/search|/) echo "$1?q=tijd" ;;
	*/) echo "${1}x" ;;
	*) echo "$1" ;;
	esac
}
# security_headers WHAT: the last answer has every one
security_headers() {
	csp=$(header Content-Security-Policy)
	contains "$csp" "default-src 'none'"
	contains "$csp" "script-src 'self'"
	contains "$csp" "frame-ancestors 'none'"
	lacks "$csp" "unsafe-inline"
	lacks "$csp" "unsafe-eval"
	[ "$(header X-Content-Type-Options)" = nosniff ] || fail "$1: no nosniff"
	[ "$(header Referrer-Policy)" = no-referrer ] || fail "$1: Referrer-Policy '$(header Referrer-Policy)'"
	[ "$(header X-Frame-Options)" = DENY ] || fail "$1: X-Frame-Options '$(header X-Frame-Options)'"
}
for r in $routes; do
	p=$(sample "$r" | cut -c2-)
	get "$p"
	[ "$code" = 401 ] || fail "$p without the token: HTTP $code"
	[ "$(jq -c . "$TMPDIR/body")" = '{"status":401,"error":"deze server vraagt zijn token: stuur '"'"'Authorization: Bearer TOKEN'"'"', of open het adres eenmaal met ?token=TOKEN"}' ] ||
		fail "$p: the 401 says more than it should: $out"
	[ "$(header WWW-Authenticate)" = 'Bearer realm="praxis"' ] || fail "$p: no WWW-Authenticate"
	security_headers "$p (401)"
	get "$p" -H "Authorization: Bearer ${TOKEN}x"
	[ "$code" = 401 ] || fail "$p with a wrong token: HTTP $code"
	get "$p" -H "Authorization: Bearer ${TOKEN%?}"
	[ "$code" = 401 ] || fail "$p with a token cut short: HTTP $code"
	get "$p" -H "Authorization: Bearer $TOKEN"
	[ "$code" = 200 ] || fail "$p with the token: HTTP $code: $out"
	security_headers "$p"
done
# ?token= once: a redirect without it, and a cookie that opens the rest
get 'api/search?q=tijd&token='"$TOKEN"'&limit=2' -c "$TMPDIR/jar"
[ "$code" = 303 ] || fail "?token=: HTTP $code"
[ "$(header Location)" = '/api/search?q=tijd&limit=2' ] || fail "?token= redirects to '$(header Location)'"
contains "$(header Set-Cookie)" "praxis_token=$TOKEN; Path=/; HttpOnly; SameSite=Lax"
get 'api/search?q=tijd&limit=2' -b "$TMPDIR/jar"
[ "$code" = 200 ] || fail "with the cookie: HTTP $code"
get 'api/search?q=tijd&token=wrong-token-0123456789'
[ "$code" = 401 ] || fail "a wrong ?token=: HTTP $code"
serve_stop

# -- on the loopback, without a token --------------------------------------
serve_start . --timeout 2
# traversals: each is a 404, and nothing of the file behind it comes out
for p in 'api/notes/../../etc/passwd' 'api/notes/%2e%2e/%2e%2e/%2e%2e/etc/passwd' \
	'api/notes/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd' 'api/notes//etc/passwd' \
	'api/notes/%2Fetc%2Fpasswd' 'api/notes/2022-2023/zuid/..%2F..%2F..%2Fcommunities.yaml' \
	'api/notes/2022-2023/zuid/../../communities.yaml' 'api/notes/..%5c..%5cetc%5cpasswd' \
	'api/notes/2022-2023/zuid/98.md' 'api/notes/2022-2023/zuid/97.md' 'api/notes/.git/config' \
	'api/notes/.git/praxis/index.db' 'api/notes/2022-2023/zuid/01.md%00.txt' \
	'api/notes/2022-2023/zuid/01.md/' 'api/notes/./2022-2023/zuid/01.md' \
	'api/notes/~/.gitconfig' 'static/../../Makefile' 'static/%2e%2e/%2e%2e/Makefile' \
	'static/..%2f..%2fsrc%2fweb.c' 'static/' 'static/report.css/' '../../etc/passwd' \
	'%2e%2e/%2e%2e/etc/passwd' 'api/codes/..%2f..%2fetc%2fpasswd'; do
	get "$p"
	[ "$code" = 404 ] || fail "$p: HTTP $code, not 404: $out"
	case $p in
	api/*|static/*) [ "$(jq -r .status "$TMPDIR/body")" = 404 ] || fail "$p: not a JSON 404: $out" ;;
	*) [ "$(header Content-Type)" = "text/html; charset=utf-8" ] || fail "$p: a 404 as $(header Content-Type)" ;;
	esac
	lacks "$out" "root:"
	lacks "$out" "moderators"
	security_headers "$p"
done
# the committed link is no note for the index either
[ "$(sqlite3 'file:.git/praxis/index.db?mode=ro' "SELECT count(*) FROM notes WHERE path LIKE '%98.md'")" = 0 ] ||
	fail "the link was indexed"

# the hostile note comes out as JSON text, which no browser runs
get api/notes/2022-2023/zuid/09.md
expect_code 200
[ "$(jq -r .title "$TMPDIR/body")" = '<script>alert(1)</script>' ] || fail "the title changed: $out"
case $(header Content-Type) in application/json*) ;; *) fail "a note is not JSON: $(header Content-Type)" ;; esac
security_headers "the hostile note"
get 'api/search?q=onerror&format=csv'
expect_code 200
contains "$out" '<img src=x onerror=alert(2)>'
[ "$(header Content-Disposition)" = 'attachment; filename="search.csv"' ] ||
	fail "CSV is not an attachment: $(header Content-Disposition)"

# -- bounds -----------------------------------------------------------------
long=$(head -c 5000 /dev/zero | tr '\0' a)
get "api/search?q=$long"
[ "$code" = 414 ] || fail "a 5000-byte address: HTTP $code"
security_headers 414
# the server's own bounds are answered by the server, under libmicrohttpd's
# (128 KiB): with the security headers, in the request's language, as a
# page outside /api/ and as JSON under it (also headers of 60 kB, which
# libmicrohttpd answered itself when it held 32 KiB)
big=$(head -c 10000 /dev/zero | tr '\0' h)
bigger=$(head -c 60000 /dev/zero | tr '\0' h)
while read -r path hdr status type text; do
	type=$(printf '%s' "$type" | tr _ ' ')
	case $hdr in big) set -- -H "X-Big: $big" ;; bigger) set -- -H "X-Big: $bigger" ;; *) set -- ;; esac
	get "$path" -H 'Accept-Language: fr' "$@"
	[ "$code" = "$status" ] || fail "$path ($hdr): HTTP $code, not $status"
	security_headers "$status of $path"
	[ "$(header Content-Type)" = "$type" ] || fail "$path ($hdr): $(header Content-Type)"
	case $type in
	application/json*) [ "$(jq -r .error "$TMPDIR/body")" = "$text" ] || fail "$path ($hdr): $out" ;;
	*) [ "$(xmllint --html --xpath 'string(//p[@class="problem"])' "$TMPDIR/body" 2>/dev/null)" = "$text" ] ||
		fail "$path ($hdr): $out"
	   contains "$out" 'lang="fr"'
	   contains "$out" 'id="lang-switch"' ;;
	esac
done <<EOF
api/search?q=$long - 414 application/json;_charset=utf-8 l'adresse est trop longue (au plus 4096 octets, 64 paramètres)
?q=$long - 414 text/html;_charset=utf-8 l'adresse est trop longue (au plus 4096 octets, 64 paramètres)
api/codes big 431 application/json;_charset=utf-8 les en-têtes de la requête sont trop grands (au plus 8192 octets)
codes big 431 text/html;_charset=utf-8 les en-têtes de la requête sont trop grands (au plus 8192 octets)
api/codes bigger 431 application/json;_charset=utf-8 les en-têtes de la requête sont trop grands (au plus 8192 octets)
codes bigger 431 text/html;_charset=utf-8 les en-têtes de la requête sont trop grands (au plus 8192 octets)
EOF
many=$(seq 1 65 | sed 's/^/p/; s/$/=1/' | paste -sd '&' -)
get "api/search?q=a&$many"
[ "$code" = 414 ] || fail "65 parameters: HTTP $code"
# a query past the query language's bound: the command's message
q=$(head -c 1001 /dev/zero | tr '\0' b)
px --lang nl search "$q"
msg=$(printf '%s\n' "$err" | head -n 1 | sed 's/^praxis: fout: //; s/^query:[0-9]*:[0-9]*: fout: //; s/ \[[a-z-]*\]$//')
get "api/search?q=$q"
[ "$code" = 400 ] && [ "$(jq -r .error "$TMPDIR/body")" = "$msg" ] || fail "a long query: $code $out (want $msg)"
# methods and bodies
for m in POST PUT DELETE PATCH OPTIONS; do
	get api/codes -X "$m"
	[ "$code" = 405 ] || fail "$m: HTTP $code"
	[ "$(header Allow)" = 'GET, HEAD' ] || fail "$m: Allow '$(header Allow)'"
	security_headers "$m"
done
get api/codes -X GET --data-binary 'x=1'
[ "$code" = 413 ] || fail "a GET with a body: HTTP $code"
# a header past the connection's memory: refused, and the server goes on
{ printf 'X-Big: '; head -c 200000 /dev/zero | tr '\0' h; echo; } > "$TMPDIR/big.hdr"
code=$(curl -s -o /dev/null -w '%{http_code}' -H @"$TMPDIR/big.hdr" "${URL}api/codes" || true)
case $code in 4[0-9][0-9]|000) ;; *) fail "a 200 kB header: HTTP $code" ;; esac
get api/codes
expect_code 200

# -- a slow client: the others are answered, its connection is closed ------
python3 - "${URL#http://}" > "$TMPDIR/slow" 2>&1 <<'PY' &
import socket, sys
host, port = sys.argv[1].rstrip("/").rsplit(":", 1)
s = socket.create_connection((host, int(port)))
s.sendall(b"GET /api/codes HTTP/1.1\r\nHost: x\r\n")  # and nothing more
print("connected", flush=True)
s.settimeout(120)
try:
    data = s.recv(65536)
    print("closed" if not data or b"408" in data or data.startswith(b"HTTP/1.1 4") else "answered")
except ConnectionResetError:
    print("closed")
except socket.timeout:
    print("kept")
PY
slow=$!
i=0
until grep -q connected "$TMPDIR/slow"; do
	i=$((i + 1)); [ $i -lt 600 ] || fail "the slow client did not connect"; sleep 0.1
done
for i in 1 2 3 4 5 6 7 8; do
	get api/codes
	expect_code 200
done
wait "$slow" || fail "the slow client failed: $(cat "$TMPDIR/slow")"
[ "$(tail -n 1 "$TMPDIR/slow")" = closed ] || fail "the slow client's connection: $(cat "$TMPDIR/slow")"
get api/codes
expect_code 200
# a client that trickles its headers a byte every half second, never
# silent for the 2 s of --timeout: the headers' own limit (2 s in all)
# shuts it, long before its 60 bytes are sent (30 s)
python3 - "${URL#http://}" > "$TMPDIR/trickle" 2>&1 <<'PY'
import socket, sys, time
host, port = sys.argv[1].rstrip("/").rsplit(":", 1)
s = socket.create_connection((host, int(port)))
req = b"GET /api/codes HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 60
sent = 0
try:
    for b in req[:60]:
        s.sendall(bytes([b]))
        sent += 1
        time.sleep(0.5)
        s.setblocking(False)
        try:
            if s.recv(65536) == b"":
                break
        except BlockingIOError:
            pass
        finally:
            s.setblocking(True)
    print("sent", sent)
except (BrokenPipeError, ConnectionResetError):
    print("sent", sent)
PY
sent=$(sed -n 's/^sent //p' "$TMPDIR/trickle")
[ -n "$sent" ] || fail "the trickling client: $(cat "$TMPDIR/trickle")"
[ "$sent" -lt 20 ] || fail "a client trickling its headers was kept for $sent bytes (half a second each)"
get api/codes
expect_code 200

serve_stop

# -- connections per address: --max-connections 16 lets one address hold
# 8; the 9th is closed unanswered, another address is served meanwhile
serve_start . --max-connections 16 --timeout 60
python3 - "${URL#http://}" > "$TMPDIR/perip" 2>&1 <<'PY'
import socket, sys, time
host, port = sys.argv[1].rstrip("/").rsplit(":", 1)
req = b"GET /api/codes HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
def ask(src):
    s = socket.socket()
    s.settimeout(20)
    s.bind((src, 0))
    s.connect((host, int(port)))
    try:
        s.sendall(req)
        data = b""
        while True:
            d = s.recv(65536)
            if not d:
                break
            data += d
    except (ConnectionResetError, BrokenPipeError):
        data = b""
    s.close()
    return data.split(b" ", 2)[1].decode() if data.startswith(b"HTTP/") else "closed"
held = []
for i in range(8):
    held.append(socket.create_connection((host, int(port))))
time.sleep(0.5)
print("ninth", ask("127.0.0.1"))
print("other", ask("127.0.0.2"))
for s in held:
    s.close()
time.sleep(0.5)
print("after", ask("127.0.0.1"))
PY
printf 'ninth closed\nother 200\nafter 200\n' > "$TMPDIR/perip.want"
test_cmp "$TMPDIR/perip.want" "$TMPDIR/perip"
serve_stop

# --max-connections: a whole number from 1 to 4096, said in the user's language
for n in 0 4097 x -1 ''; do
	px --lang fr serve --max-connections "$n"
	expect_rc 2
	contains "$err" "l'option '--max-connections' attend un nombre entier de 1 à 4096, pas '$n'"
done
px --lang nl serve --threads 0
expect_rc 2
contains "$err" "optie '--threads' verwacht een geheel getal van 1 tot 64, niet '0'"

