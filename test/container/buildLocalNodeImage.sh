#!/usr/bin/env bash
# Makes a stand-in for node:24-bookworm-slim on this machine, where no container registry is
# reachable: Debian bookworm (minbase) from Debian's mirror, the Node binary that runs this script,
# npm, and a `node` user (uid 1000) as the official image has. If NODE_EXTRA_CA_CERTS names a file,
# the image carries it and names it the same way, as a company's base image carries the company's
# CA: npm inside a build then trusts this machine's registry route. Kept once built (pass --rebuild
# to make it again); CI on a new machine builds it from nothing.
# Usage: buildLocalNodeImage.sh <image name> [--rebuild]
set -euo pipefail
image=${1:?image name}
rebuild=${2:-}
podman=(podman --runtime /usr/sbin/runc)

if [ "$rebuild" != --rebuild ] && "${podman[@]}" image exists "$image"; then
  echo "base image $image: present"
  exit 0
fi

node_bin=$(readlink -f "$(command -v node)")
node_major=$("$node_bin" -p 'process.versions.node.split(".")[0]')
[ "$node_major" = 24 ] || { echo "the base image takes the node that runs this script; it is $("$node_bin" -v), not 24" >&2; exit 1; }
npm_dir=""
for candidate in /usr/lib/node_modules/npm /usr/local/lib/node_modules/npm; do
  if [ -f "$candidate/bin/npm-cli.js" ]; then npm_dir=$candidate; break; fi
done
[ -n "$npm_dir" ] || { echo "cannot find npm to put into the base image" >&2; exit 1; }

work=$(mktemp -d /tmp/chat-starter-base.XXXXXX)
trap 'rm -rf "$work"' EXIT
started=$(date +%s)
mmdebstrap --quiet --variant=minbase --include=ca-certificates bookworm "$work/debian.tar"
debian_image="${image%%:*}-debian:bookworm"
"${podman[@]}" import --quiet "$work/debian.tar" "$debian_image" >/dev/null

mkdir -p "$work/context"
cp "$node_bin" "$work/context/node"
cp -a "$npm_dir" "$work/context/npm"
ca_line=""
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$NODE_EXTRA_CA_CERTS" ]; then
  cp "$NODE_EXTRA_CA_CERTS" "$work/context/extra-ca.pem"
  ca_line=$'COPY extra-ca.pem /usr/local/share/extra-ca.pem\nENV NODE_EXTRA_CA_CERTS=/usr/local/share/extra-ca.pem'
fi
cat >"$work/context/Containerfile" <<CONTAINERFILE
FROM $debian_image
COPY node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \\
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \\
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
$ca_line
CMD ["node"]
CONTAINERFILE
"${podman[@]}" build --quiet --network=host --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 -t "$image" "$work/context" >/dev/null
echo "base image $image: built in $(( $(date +%s) - started )) s"
