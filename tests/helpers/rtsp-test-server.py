#!/usr/bin/python3
"""A real RTSP peer for the media tests: Debian's gst-rtsp-server serving a moving test
pattern as H.264 at rtsp://127.0.0.1:<port>/test. Run with Debian's /usr/bin/python3
(python3-gi + gir1.2-gst-rtsp-server-1.0). Arguments: PORT (0 = any free port), WIDTH,
HEIGHT, FPS, MOUNT (default /test). Prints "READY <port>" once it listens; runs until killed."""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

port, width, height, fps, mount = (sys.argv[1:] + ["0", "320", "180", "15", "/test"][len(sys.argv) - 1:])[:5]
Gst.init(None)
server = GstRtspServer.RTSPServer()
server.set_address("127.0.0.1")
server.set_service(port)
factory = GstRtspServer.RTSPMediaFactory()
factory.set_launch(
    f"( videotestsrc is-live=true pattern=smpte horizontal-speed=2 ! video/x-raw,width={int(width)},height={int(height)},framerate={int(fps)}/1 "
    f"! x264enc tune=zerolatency speed-preset=ultrafast key-int-max={int(fps)} bitrate=600 threads=1 ! rtph264pay name=pay0 pt=96 config-interval=1 )"
)
factory.set_shared(True)
server.get_mount_points().add_factory(mount, factory)
if server.attach(None) == 0:
    print("FAILED to listen", flush=True)
    sys.exit(1)
print(f"READY {server.get_bound_port()}", flush=True)
GLib.MainLoop().run()
