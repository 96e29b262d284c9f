# Stand-in for nginx:<tag of docker-compose.yml> (scripts/compose-test.sh only): Debian bookworm's nginx (1.22)
# and curl (the official Debian-based image ships curl too; the compose healthcheck uses it), installed into the
# debootstrap base by the script. Like the official image: logs to the container's stdout/stderr, stops on SIGQUIT,
# runs `nginx -g 'daemon off;'`. The configuration is docker-compose.yml's deploy/nginx/nginx.conf.
ARG BASE
FROM ${BASE}
RUN rm -f /etc/nginx/sites-enabled/default \
    && ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log
EXPOSE 80 443
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
