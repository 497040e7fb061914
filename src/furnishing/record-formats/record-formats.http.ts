import type { Express } from 'express';
import { recordKinds, type RecordKind } from '../../records/index.js';
import { printRecordFormat, RECORD_FORMAT_PATH, recordFormat } from './record-formats.js';

/**
 * GET /schemas/records/<kind>.json: the record formats, public (they describe a format, not
 * anyone's data), built once. GET /schemas/records/ lists them.
 */
export function mountRecordFormats(app: Express): void {
  const served = new Map(recordKinds.map((k) => [`${k}.json`, printRecordFormat(recordFormat(k as RecordKind))]));
  const index = JSON.stringify({ formats: recordKinds.map((k) => ({ kind: k, url: `${RECORD_FORMAT_PATH}/${k}.json` })) });
  app.get(`${RECORD_FORMAT_PATH}/`, (_req, res) => {
    res.type('application/json').send(index);
  });
  app.get(`${RECORD_FORMAT_PATH}/:file`, (req, res, next) => {
    const body = served.get(req.params.file);
    if (!body) return next();
    res.setHeader('cache-control', 'public, max-age=3600');
    res.type('application/schema+json').send(body);
  });
}
