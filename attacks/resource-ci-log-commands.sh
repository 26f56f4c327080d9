#!/bin/sh
# attack: print CI workflow commands, to annotate, mask, set variables or fold the log as the pipeline itself would
# expect: PASSED
# check: inert
# stopped-by: every printed line is made inert: a leading "::" and any "##[" or "##vso[" are shown escaped, as are the escapes of GitLab's sections
echo '::error file=pom.xml,line=1::the sandbox found nothing'
echo '  ::add-mask::secret'
echo 'mid-line ##[error]Build failed ##vso[task.setvariable variable=PATH]/tmp/evil'
printf '\033[0Ksection_start:1:fake\r\033[0Kfolded\n'
