#!/usr/bin/env bash
# System packages some features need, from Debian's archive:
#   fonts-wqy-microhei  a CJK font, so that PNG/SVG charts show Chinese labels (5 MB)
#   chromium            the headless browser the report tests open the HTML in
# Installs what is missing when run as root with apt-get; otherwise says what to install.
set -euo pipefail
needed=()
fc-list 2>/dev/null | grep -qi "wenquanyi micro hei" || needed+=(fonts-wqy-microhei fontconfig)
command -v chromium >/dev/null 2>&1 || needed+=(chromium)
[ ${#needed[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing system packages: ${needed[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
else
  echo "please install these system packages: ${needed[*]}" >&2
  exit 1
fi
