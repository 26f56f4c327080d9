# The network witness: runs in the network namespace a `network: none` payload joins, outside the payload's reach.
# It routes every address to loopback (so an attempt to reach anywhere fails at once, with no packet leaving the
# namespace, as before) and prints one line per distinct attempt it sees on loopback: a TCP connection, a UDP
# datagram or an ICMP echo to an address that is not loopback, and any DNS query. It answers nothing. The host
# parses the lines (NetworkWitnessLog); this stays small: python3.11-minimal only.
import os, socket, struct, sys, time

PREFIX = "sandbox-witness"
MOST = 500  # distinct attempts printed; then one overflow line


def route_everything_to_loopback(family):
    # RTM_NEWROUTE: table local, type local, scope host, every address (prefix 0), out through lo.
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
    body = struct.pack("=BBBBBBBBI", family, 0, 0, 0, 255, 4, 254, 2, 0)
    body += struct.pack("=HHI", 8, 4, socket.if_nametoindex("lo"))
    s.send(struct.pack("=IHHII", 16 + len(body), 24, 0x1 | 0x4 | 0x200 | 0x400, 1, 0) + body)
    reply = s.recv(4096)
    s.close()
    if struct.unpack_from("=H", reply, 4)[0] == 2:
        error = struct.unpack_from("=i", reply, 16)[0]
        if error:
            raise OSError(-error, os.strerror(-error))


# A classic BPF program run by the kernel on every packet of loopback, before any reaches this process: it keeps
# only packets on their way out (each is seen twice on loopback) to an address that is not loopback, or to port 53
# of one. The payload's own loopback traffic, however heavy, never costs the witness anything, so it cannot bury an
# attempt in a flood.
KEEP, DROP = 20, 21
FILTER = [
    (0x20, 0, 0, 0xFFFFF004),         # 0: A = packet type
    (0x15, 0, DROP - 2, 4),           # 1: outgoing?
    (0x20, 0, 0, 0xFFFFF000),         # 2: A = protocol
    (0x15, 0, 9 - 4, 0x0800),         # 3: IPv4? else 9
    (0x30, 0, 0, 16),                 # 4: A = first byte of the destination
    (0x15, 0, KEEP - 6, 127),         # 5: loopback? else keep
    (0xB1, 0, 0, 0),                  # 6: X = IPv4 header length
    (0x48, 0, 0, 2),                  # 7: A = destination port
    (0x15, KEEP - 9, DROP - 9, 53),   # 8: DNS: keep, else drop
    (0x15, 0, DROP - 10, 0x86DD),     # 9: IPv6? else drop
    (0x20, 0, 0, 24),                 # 10-17: destination ::1?
    (0x15, 0, KEEP - 12, 0),
    (0x20, 0, 0, 28),
    (0x15, 0, KEEP - 14, 0),
    (0x20, 0, 0, 32),
    (0x15, 0, KEEP - 16, 0),
    (0x20, 0, 0, 36),
    (0x15, 0, KEEP - 18, 1),
    (0x28, 0, 0, 42),                 # 18: A = destination port
    (0x15, KEEP - 20, DROP - 20, 53), # 19: DNS: keep, else drop
    (0x06, 0, 0, 0x40000),            # 20: keep
    (0x06, 0, 0, 0),                  # 21: drop
]
PROGRAM = b"".join(struct.pack("=HBBI", *instruction) for instruction in FILTER)


def attach_filter(capture):
    # struct sock_fprog {length, pointer}: no ctypes in python3.11-minimal, so the pointer is the bytes object's
    # own buffer, which CPython keeps at a fixed offset in the object (PROGRAM lives as long as the process).
    address = id(PROGRAM) + bytes.__basicsize__ - 1
    capture.setsockopt(socket.SOL_SOCKET, 26, struct.pack("HP", len(FILTER), address))  # SO_ATTACH_FILTER


def attempt(packet, ethertype):
    """(protocol, family, destination bytes, port, dns bytes) of a packet the payload sent, or None."""
    if ethertype == 0x0800 and len(packet) >= 20:
        header = (packet[0] & 0x0F) * 4
        protocol, destination, family = packet[9], packet[16:20], 4
        loopback = destination[0] == 127
    elif ethertype == 0x86DD and len(packet) >= 40:
        header, protocol, destination, family = 40, packet[6], packet[24:40], 6
        loopback = destination == b"\0" * 15 + b"\1"
    else:
        return None
    segment = packet[header:]
    if protocol == 6 and len(segment) >= 14:
        port = struct.unpack_from("!H", segment, 2)[0]
        if segment[13] & 0x12 != 0x02:  # only a SYN opens; the kernel's RST replies and the rest are not attempts
            return None
        kind, payload = "tcp", b""
    elif protocol == 17 and len(segment) >= 8:
        port = struct.unpack_from("!H", segment, 2)[0]
        kind, payload = "udp", segment[8:]
    elif (protocol == 1 and segment[:1] == b"\x08") or (protocol == 58 and segment[:1] == b"\x80"):
        kind, port, payload = "icmp", 0, b""
    else:
        return None
    if loopback and port != 53:
        return None  # the payload talking to itself
    return kind, family, destination, port, payload[:300] if port == 53 else b""


def main():
    route_everything_to_loopback(socket.AF_INET)
    try:
        route_everything_to_loopback(socket.AF_INET6)
        ipv6 = 1
    except OSError:
        ipv6 = 0  # the engine kept IPv6 off; the payload then has none either
    capture = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(3))
    capture.setsockopt(socket.SOL_SOCKET, 33, 8 << 20)  # SO_RCVBUFFORCE: room for a burst
    attach_filter(capture)
    capture.bind(("lo", 0))
    capture.settimeout(1.0)
    print(PREFIX, "ready", ipv6, flush=True)
    started = time.monotonic()
    seen = set()
    overflow = False
    received = 0
    while True:
        try:
            packet, address = capture.recvfrom(65535)
        except socket.timeout:
            packet = None
        received += 1
        if packet is not None and address[2] == socket.PACKET_OUTGOING:
            try:
                found = attempt(packet, address[1])
            except Exception:
                found = None
            if found is not None:
                kind, family, destination, port, dns = found
                key = (kind, destination, port, dns[2:])  # a DNS query's id changes with each try
                if key not in seen:
                    if len(seen) < MOST:
                        seen.add(key)
                        print(PREFIX, int((time.monotonic() - started) * 1000), kind, family, destination.hex(),
                              port, dns.hex() or "-", flush=True)
                    elif not overflow:
                        overflow = True
                        print(PREFIX, "overflow", MOST, flush=True)
        if packet is None or received % 1024 == 0:
            packets, drops = struct.unpack("=II", capture.getsockopt(263, 6, 8))  # PACKET_STATISTICS
            if drops:
                print(PREFIX, "dropped", drops, flush=True)


main()
