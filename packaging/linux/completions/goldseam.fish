# fish completion for goldseam (installed in fish/vendor_completions.d by make install-desktop)

set -l commands repair review pause export import check lock
set -l before_command "not __fish_seen_subcommand_from $commands"

complete -c goldseam -f
complete -c goldseam -n $before_command -s h -l help -d 'Show a short help and exit'
complete -c goldseam -n $before_command -l version -d 'Show the version and exit'
complete -c goldseam -n $before_command -l data-dir -x -a '(__fish_complete_directories)' -d "Keep Goldseam's files in this folder"
complete -c goldseam -n $before_command -l lang -x -a 'en\tEnglish de\tGerman' -d 'Speak this language'
complete -c goldseam -n $before_command -l passphrase-stdin -d 'Read the passphrase from standard input'
complete -c goldseam -n $before_command -l background -d 'Start without a window; wait for a call back still to come'

complete -c goldseam -n $before_command -a repair -d 'Open straight into a new repair, or the unfinished one'
complete -c goldseam -n $before_command -a review -d 'Open the look back'
complete -c goldseam -n $before_command -a pause -d 'Open the pause, or start one of N minutes'
complete -c goldseam -n $before_command -a export -d 'Write every moment to standard output or a file'
complete -c goldseam -n $before_command -a import -d 'Merge the moments of an export file'
complete -c goldseam -n $before_command -a check -d 'Read every file of the data folder and report problems'
complete -c goldseam -n $before_command -a lock -d 'Turn the passphrase lock on or off, or change it'

complete -c goldseam -n "__fish_seen_subcommand_from $commands" -s h -l help -d 'Show a short help and exit'
complete -c goldseam -n '__fish_seen_subcommand_from pause' -l minutes -x -d 'Start a pause of N minutes at once (1 to 1440)'
complete -c goldseam -n '__fish_seen_subcommand_from export' -l format -x -a 'json markdown' -d 'The format of the export'
complete -c goldseam -n '__fish_seen_subcommand_from export' -s o -l output -r -F -d 'Write to this file'
complete -c goldseam -n '__fish_seen_subcommand_from export' -l sealed -d 'Seal the export with a passphrase'
complete -c goldseam -n '__fish_seen_subcommand_from import' -F -d 'Export file'
set -l actions enable change disable recovery
complete -c goldseam -n "__fish_seen_subcommand_from lock; and not __fish_seen_subcommand_from $actions" -x \
    -a 'enable\t"Turn the lock on" change\t"Choose another passphrase" disable\t"Turn the lock off" recovery\t"Make a new recovery key"'
