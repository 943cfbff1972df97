#!/usr/bin/env sh
# Nightly backup (docs/deploy.md): one archive of the database and every stored file, kept
# for KEEP days, in BACKUP_DIR. With docker compose:
#   docker compose run --rm -v /srv/wsr-backups:/backups -e BACKUP_DIR=/backups web scripts/backup.sh
set -eu
BACKUP_DIR="${BACKUP_DIR:-var/backups}"
KEEP="${KEEP:-14}"
mkdir -p "$BACKUP_DIR"
archive="$BACKUP_DIR/wsr-$(date -u +%Y%m%dT%H%M%SZ).tar.gz"
python manage.py backup "$archive"
find "$BACKUP_DIR" -name 'wsr-*.tar.gz' -mtime +"$KEEP" -delete
echo "$archive"
