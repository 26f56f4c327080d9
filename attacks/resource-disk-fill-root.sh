#!/bin/sh
# attack: plant a program in the image's own folders
# expect: VIOLATION FILE_WRITE
# stopped-by: the read-only root file system
echo 'echo pwned' > /usr/local/bin/ls && exit 42
exit 1
