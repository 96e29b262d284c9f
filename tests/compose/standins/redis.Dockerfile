# Stand-in for redis:7.0 (scripts/compose-test.sh only): Debian bookworm's redis-server 7.0, installed into the
# debootstrap base by the script. Like the official image: /data is the working directory and a volume, the
# entrypoint drops from root to the redis user before starting redis-server (so the ACL file must be readable
# by that user: it is 0644), and redis-cli is there for the healthcheck.
ARG BASE
FROM ${BASE}
COPY redis-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN mkdir -p /data /usr/local/etc/redis && chown redis:redis /data
VOLUME /data
WORKDIR /data
EXPOSE 6379
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["redis-server"]
