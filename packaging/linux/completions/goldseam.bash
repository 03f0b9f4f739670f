# bash completion for goldseam                                   -*- shell-script -*-
# Installed as bash-completion/completions/goldseam (make install-desktop); works when sourced too.

_goldseam()
{
    local cur prev command="" word i
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    # `--data-dir=DIR`: bash splits it into `--data-dir`, `=`, `DIR`.
    if [[ $cur == "=" ]]; then
        prev=${COMP_WORDS[COMP_CWORD - 1]}
        cur=""
    elif [[ $prev == "=" ]]; then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    fi

    # The command: the first word that is neither an option nor an option's value.
    for (( i = 1; i < COMP_CWORD; i++ )); do
        word=${COMP_WORDS[i]}
        case $word in
            --data-dir | --lang)
                (( i++ ))
                [[ ${COMP_WORDS[i]} == "=" ]] && (( i++ ))
                ;;
            -*) ;;
            *)
                command=$word
                break
                ;;
        esac
    done

    case $prev in
        --data-dir)
            compopt -o filenames 2>/dev/null
            mapfile -t COMPREPLY < <(compgen -d -- "$cur")
            return
            ;;
        --lang)
            mapfile -t COMPREPLY < <(compgen -W "en de" -- "$cur")
            return
            ;;
        --minutes)
            return      # a whole number of minutes, 1 to 1440
            ;;
        --format)
            mapfile -t COMPREPLY < <(compgen -W "json markdown" -- "$cur")
            return
            ;;
        -o | --output)
            compopt -o filenames 2>/dev/null
            mapfile -t COMPREPLY < <(compgen -f -- "$cur")
            return
            ;;
    esac

    local options="-h --help" action_given=""
    case $command in
        "")
            if [[ $cur == -* ]]; then
                options="--data-dir --lang --passphrase-stdin --background --version -h --help"
            else
                options="repair review pause export import check lock"
            fi
            ;;
        pause) options+=" --minutes" ;;
        export) options+=" --format -o --output --sealed" ;;
        import | lock)
            for (( i++; i < COMP_CWORD; i++ )); do
                [[ ${COMP_WORDS[i]} != -* ]] && action_given=yes
            done
            if [[ $cur != -* && -z $action_given ]]; then
                if [[ $command == import ]]; then
                    compopt -o filenames 2>/dev/null
                    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
                    return
                fi
                options="enable change disable recovery"
            fi
            ;;
    esac
    mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
}

complete -F _goldseam goldseam
