"""A minimal IMAP4rev1 server for tests: the mail provider's stand-in for
`manage.py fetch_case_mail` (no IMAP server can be started cheaply here). One mailbox,
plain text, the commands imaplib and the command use: CAPABILITY, LOGIN, SELECT,
UID SEARCH UNSEEN, UID FETCH (BODY.PEEK[] or RFC822), UID STORE +FLAGS (\\Seen), LOGOUT."""

import re
import socketserver
import threading


class Mailbox:
    def __init__(self, user: str, password: str):
        self.user, self.password = user, password
        self.messages: dict[int, bytes] = {}
        self.seen: set[int] = set()
        self.commands: list[str] = []
        self.lock = threading.Lock()

    def add(self, raw: bytes) -> int:
        with self.lock:
            uid = max(self.messages, default=0) + 1
            self.messages[uid] = raw
            return uid


class _Handler(socketserver.StreamRequestHandler):
    def send(self, line: bytes) -> None:
        self.wfile.write(line + b"\r\n")

    def handle(self):
        box: Mailbox = self.server.mailbox
        self.send(b"* OK IMAP4rev1 test server ready")
        authenticated = False
        while True:
            line = self.rfile.readline()
            if not line:
                return
            tag, _, rest = line.decode().strip().partition(" ")
            command, _, args = rest.partition(" ")
            command = command.upper()
            box.commands.append(f"{command} {args.split(' ')[0] if command == 'UID' else ''}")
            if command == "CAPABILITY":
                self.send(b"* CAPABILITY IMAP4rev1")
                self.send(f"{tag} OK CAPABILITY completed".encode())
            elif command == "LOGIN":
                user, password = (part.strip('"') for part in args.split(" ", 1))
                if (user, password) != (box.user, box.password):
                    self.send(f"{tag} NO [AUTHENTICATIONFAILED] Invalid credentials".encode())
                    continue
                authenticated = True
                self.send(f"{tag} OK LOGIN completed".encode())
            elif command == "LOGOUT":
                self.send(b"* BYE logging out")
                self.send(f"{tag} OK LOGOUT completed".encode())
                return
            elif not authenticated:
                self.send(f"{tag} NO not authenticated".encode())
            elif command == "SELECT":
                self.send(f"* {len(box.messages)} EXISTS".encode())
                self.send(b"* FLAGS (\\Seen)")
                self.send(f"{tag} OK [READ-WRITE] SELECT completed".encode())
            elif command == "UID":
                self.uid(tag, args, box)
            else:
                self.send(f"{tag} BAD unknown command".encode())

    def uid(self, tag: str, args: str, box: Mailbox) -> None:
        sub, _, rest = args.partition(" ")
        sub = sub.upper()
        with box.lock:
            uids = sorted(box.messages)
            if sub == "SEARCH" and rest.upper() == "UNSEEN":
                found = " ".join(str(u) for u in uids if u not in box.seen)
                self.send(f"* SEARCH {found}".rstrip().encode())
            elif sub == "FETCH":
                uid_text, _, what = rest.partition(" ")
                uid = int(uid_text)
                raw = box.messages[uid]
                if "PEEK" not in what.upper():  # RFC822 / BODY[] set \Seen
                    box.seen.add(uid)
                self.wfile.write(
                    f"* {uids.index(uid) + 1} FETCH (UID {uid} BODY[] {{{len(raw)}}}\r\n".encode()
                    + raw
                    + b")\r\n"
                )
            elif sub == "STORE":
                match = re.fullmatch(r"(\d+) \+FLAGS \(\\Seen\)", rest, flags=re.IGNORECASE)
                uid = int(match.group(1))
                box.seen.add(uid)
                self.send(f"* {uids.index(uid) + 1} FETCH (UID {uid} FLAGS (\\Seen))".encode())
            else:
                self.send(f"{tag} BAD unknown UID command".encode())
                return
        self.send(f"{tag} OK UID {sub} completed".encode())


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def start(mailbox: Mailbox) -> tuple[_Server, int]:
    """Listen on a free port of 127.0.0.1; stop with `server.shutdown(); server.server_close()`."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.mailbox = mailbox
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]
