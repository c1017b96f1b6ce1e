#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build and run the workbench: a JDK 17 and Maven.
# Sourced by .ci/run and ./workbench; does nothing when both are present. Needs root (or sudo) to install.
ensure_toolchain() {
  local need=()
  command -v java >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null 2>&1 || need+=(maven)
  [ ${#need[@]} -eq 0 ] && return 0
  local sudo=()
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo=(sudo)
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "rlgan: ${need[*]} missing and this is not a Debian-style system; install Java 17 and Maven 3.8+" >&2
    return 2
  fi
  echo "rlgan: installing ${need[*]} with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq && "${sudo[@]}" apt-get install -y -qq "${need[@]}"
}
