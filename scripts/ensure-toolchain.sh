#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build and run the workbench: a JDK 17, Maven, and for the
# renderer's tests and headless recording a virtual X server with Mesa's software OpenGL (xvfb, xauth,
# libgl1-mesa-dri). Sourced by .ci/run and ./workbench; does nothing when all are present. Needs root (or sudo).
ensure_toolchain() {
  local need=()
  command -v java >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null 2>&1 || need+=(maven)
  command -v Xvfb >/dev/null 2>&1 || need+=(xvfb)
  command -v xauth >/dev/null 2>&1 || need+=(xauth)
  # Mesa's DRI drivers (llvmpipe): without them GLX on Xvfb has no OpenGL 3.3 core context
  [ -n "$(ls /usr/lib/*/dri/swrast_dri.so /usr/lib/dri/swrast_dri.so 2>/dev/null)" ] || need+=(libgl1-mesa-dri)
  [ ${#need[@]} -eq 0 ] && return 0
  local sudo=()
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo=(sudo)
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "rlgan: ${need[*]} missing and this is not a Debian-style system; install Java 17, Maven 3.8+ and (for the renderer) Xvfb with Mesa OpenGL" >&2
    return 2
  fi
  echo "rlgan: installing ${need[*]} with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq && "${sudo[@]}" apt-get install -y -qq "${need[@]}"
}
