import type { ErrorRequestHandler } from 'express';
import type { z } from 'zod';
import { AppError, type FieldProblem } from '../../errors.js';
import type { NodeEntity, RelationshipEntity } from './model.js';

/** A stale version: the 409 carries the current state so the client can re-apply its change. */
export class VersionConflict extends AppError {
  constructor(
    readonly current: NodeEntity | RelationshipEntity,
    sent: number,
  ) {
    super(
      409,
      'version-conflict',
      'The entity changed since you read it',
      `You sent version ${sent}; the current version is ${current.version}. Re-apply your change to 'current' and send version ${current.version}.`,
    );
  }
}

/** One entry per bad field; an unknown key is named itself (zod reports it on the object). */
export function issuesByField(error: z.ZodError): { path: string[]; message: string }[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key], message: `'${key}' is not a property of this kind of entity` }));
    }
    return [{ path, message: issue.message }];
  });
}

/** Field problems of a zod error under a prefix such as 'body.properties'. */
export function fieldProblems(error: z.ZodError, prefix: string): FieldProblem[] {
  return issuesByField(error).map(({ path, message }) => ({ field: [prefix, ...path].join('.'), message }));
}

export function invalid(errors: FieldProblem[]): AppError {
  return new AppError(400, 'invalid-request', 'Invalid request', `Check ${errors.map((e) => e.field).join(', ')}.`, errors);
}

/** Renders VersionConflict like the shared problem handler does, plus `current`. */
export const versionConflictHandler: ErrorRequestHandler = (error, req, res, next) => {
  if (!(error instanceof VersionConflict)) return next(error);
  res
    .status(409)
    .type('application/problem+json')
    .json({
      type: `https://stakeholder-atlas.dev/problems/${error.code}`,
      title: error.title,
      status: 409,
      detail: error.detail,
      instance: req.originalUrl,
      current: error.current,
    });
};
