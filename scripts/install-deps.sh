#!/usr/bin/env bash
# Installs whatever this checkout needs and is missing: Debian packages, npm packages, the
# build. Safe to run again: each step is skipped when it is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  socat              # real PTY pairs for the serial device simulators
  mosquitto          # the MQTT broker the telemetry tests run against
  mosquitto-clients  # mosquitto_sub / mosquitto_pub, to see what a plain client sees
  postgresql-15      # the fleet's shared database: the tests start their own server in a temp folder
  chromium           # headless browser for the panel's end-to-end tests
  fonts-noto-cjk     # the panel's Chinese in the browser (without it Chromium falls back to whatever CJK font is there, or boxes)
  python3 make g++   # node-gyp builds the native packages (better-sqlite3, serialport)
  pkg-config libudev-dev libusb-1.0-0-dev              # node-hid
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev # gstreamer-superficial builds against these
  gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-libav
  python3-gi gir1.2-gst-rtsp-server-1.0                # a real RTSP peer for the media tests
  python3-aiosmtpd                                     # a real SMTP server for the notification tests
  onvif-tools iproute2                                 # onvif-util, a second ONVIF client for the camera simulator's tests (run in a netns)
  libonvif-dev gcc                                     # builds the libonvif PTZ client those tests move the simulated camera with
  openssl passwd                                       # provisioning: the room's MQTT key + CSR, useradd for the service user
)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing Debian packages: ${missing[*]}"
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error(`roomctl needs Node >= 20.19 (this is ${process.versions.node})`); process.exit(1) }'

# npm ci when node_modules is missing or older than the lockfile.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> installing npm packages"
  npm ci --no-audit --no-fund
fi

# Build when anything that goes into dist/ or panel-ui/dist/ is newer than the last build.
stamp=dist/.build-stamp
if [ ! -f "$stamp" ] || [ ! -d panel-ui/dist ] || \
   [ -n "$(find appliance cli contract fleet drivers provisioning panel-ui/src panel-ui/index.html package.json tsconfig*.json -newer "$stamp" -type f 2>/dev/null | head -1)" ]; then
  echo "==> building"
  npm run build --silent   # leaves the stamp
fi
