import { Router } from 'express';
import type { Database } from '../../db/database.js';

export function transferRouter(_db: Database): Router {
  return Router();
}
