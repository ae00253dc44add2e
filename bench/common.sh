# Sourced by the bench scripts: publishes a Release build into $WORK/app and sets up the environment it runs in
# (Production, a throwaway signing key, quiet logs, media under $WORK). Expects WORK to be set; defines ROOT and APP.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

rm -rf "$WORK" && mkdir -p "$WORK"
echo "Publishing a Release build to $WORK/app ..." >&2
dotnet publish "$ROOT/src/WebApi" -c Release -o "$WORK/app" --nologo -v quiet >/dev/null

export ASPNETCORE_ENVIRONMENT=Production
export Jwt__SigningKey="$(head -c 48 /dev/urandom | base64)"
export Logging__LogLevel__Default=Warning
export Media__Root="$WORK/media"
APP=("dotnet" "$WORK/app/Shop.WebApi.dll")
