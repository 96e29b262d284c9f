# Stand-in for mcr.microsoft.com/dotnet/runtime:10.0, for scripts/compose-test.sh only (that registry is not
# reachable from the test machines). Built FROM the debootstrap base (Debian bookworm minbase with the .NET
# dependencies: libicu72, libssl3, ca-certificates, tzdata), with the .NET runtime copied from the machine's own
# dotnet folder into the context's dotnet/ by the script. Like the real image: dotnet in /usr/share/dotnet and on
# PATH, the user app (uid 1654) exists, no curl or wget. Unlike it: Debian instead of Ubuntu, the machine's patch version.
ARG BASE
FROM ${BASE}
COPY dotnet/ /usr/share/dotnet/
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet \
    && groupadd --gid 1654 app && useradd --uid 1654 --gid app --no-create-home --shell /bin/false app
ARG DOTNET_VERSION
ENV DOTNET_VERSION=${DOTNET_VERSION} \
    DOTNET_RUNNING_IN_CONTAINER=true \
    APP_UID=1654
