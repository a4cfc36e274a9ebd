"""Browser tests: the built site in real Chromium (Debian's /usr/bin/chromium) through Playwright."""
