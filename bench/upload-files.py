#!/usr/bin/env python3
"""Files for bench/uploads.sh: PNG pictures of random noise (which no compressor shrinks, so the file is as large as
its pixels) and plain-text logs, each ~10 MB. Written with zlib only (no imaging library needed).
   upload-files.py DIR PICTURES LOGS [WIDTH HEIGHT LOG_BYTES]"""
import os, random, struct, sys, zlib

def png(path, width, height):
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
    row = 3 * width
    noise = os.urandom(row * height)
    # filter byte 0 (none) before each row
    raw = b''.join(b'\x00' + noise[y * row:(y + 1) * row] for y in range(height))
    with open(path, 'wb') as f:
        f.write(b'\x89PNG\r\n\x1a\n')
        f.write(chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)))  # 8-bit RGB
        f.write(chunk(b'IDAT', zlib.compress(raw, 1)))
        f.write(chunk(b'IEND', b''))

WORDS = ('camera HDR crash battery drain notification lock screen wifi bluetooth gallery thumbnail '
         'ActivityManager WindowManager SurfaceFlinger binder thread ANR GC freed kB heap').split()

def log(path, size, seed):
    rnd = random.Random(seed)
    with open(path, 'w', encoding='ascii') as f:
        written, n = 0, 0
        while written < size:
            line = '12-01 03:%02d:%02d.%03d %5d %5d I %s: %s\n' % (
                n // 60000 % 60, n // 1000 % 60, n % 1000, 1000 + n % 9000, 2000 + n % 7000,
                rnd.choice(WORDS), ' '.join(rnd.choice(WORDS) for _ in range(rnd.randint(4, 14))))
            line = line[:size - written]
            f.write(line)
            written += len(line)
            n += 1

if __name__ == '__main__':
    out, pictures, logs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    width = int(sys.argv[4]) if len(sys.argv) > 4 else 2100
    height = int(sys.argv[5]) if len(sys.argv) > 5 else 1600
    log_bytes = int(sys.argv[6]) if len(sys.argv) > 6 else 10_000_000
    os.makedirs(out, exist_ok=True)
    for i in range(pictures):
        p = os.path.join(out, 'noise-%d.png' % i)
        if not os.path.exists(p):
            png(p, width, height)
    for i in range(logs):
        p = os.path.join(out, 'device-%d.log' % i)
        if not os.path.exists(p):
            log(p, log_bytes, i)
