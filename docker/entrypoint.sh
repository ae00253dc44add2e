#!/bin/sh
# The container's entrypoint (Dockerfile). With no arguments it migrates the database, then serves HTTP on $PORT;
# with a verb it runs that verb instead:  docker compose run --rm app createsuperuser --noinput
#
#   PORT                      the port to listen on (8080)
#   Database__MigrateOnStart  false: do not migrate (run the migrate verb yourself); default true
#   LISTEN_ADDRESS            the address to listen on (0.0.0.0, every interface of the container)
#   SHOP_APP                  the app's assembly (/app/Shop.WebApi.dll)
set -eu

app="${SHOP_APP:-/app/Shop.WebApi.dll}"
# The app's folder is its content root (appsettings.json, wwwroot), whatever working directory the container was given.
cd "$(dirname "$app")"

# A verb (or --help) is the operator's command: run it, and nothing else.
# Other options (--urls, --environment) are the server's, as for the app itself.
if [ $# -gt 0 ]; then
    case "$1" in
        -h | --help | -\?) exec dotnet "$app" "$@" ;;
        -*) ;;
        *) exec dotnet "$app" "$@" ;;
    esac
fi

port="${PORT:-8080}"
case "$port" in
    '' | *[!0-9]*) echo "shop-entrypoint: PORT must be a port number, not '$port'." >&2; exit 2 ;;
esac

case "${Database__MigrateOnStart:-true}" in
    true | True | TRUE)
        # Migrating before the server starts makes a failure the container's exit status (and its last log line),
        # rather than a server that is up and cannot serve. The server then has nothing left to apply.
        dotnet "$app" migrate
        export Database__MigrateOnStart=false
        ;;
    false | False | FALSE) ;;
    *) echo "shop-entrypoint: Database__MigrateOnStart must be true or false, not '$Database__MigrateOnStart'." >&2; exit 2 ;;
esac

exec dotnet "$app" --urls "http://${LISTEN_ADDRESS:-0.0.0.0}:$port" "$@"
