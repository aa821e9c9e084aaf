import { SENSITIVITY } from '@atlas/seed';
import { z } from 'zod';
import { ROLES } from '../../http/caller.js';
import { MIN_PASSWORD_LENGTH } from './passwords.js';

export const Username = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only');

export const NewPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024, 'at most 1024 characters');

// Login takes any string up to the limits, so a wrong-format username fails like a wrong password.
export const LoginBody = z.object({
  username: z.string().min(1).max(256),
  password: z.string().min(1).max(1024),
});

export const NewTokenBody = z.object({ name: z.string().trim().min(1).max(100) });

export const TokenParams = z.object({ id: z.string().min(1).max(100) });

export const NewUserBody = z.object({
  username: Username,
  password: NewPassword,
  role: z.enum(ROLES),
  clearance: z.enum(SENSITIVITY),
});

export const UserParams = z.object({ id: z.string().min(1).max(100) });

export const UserChangesBody = z
  .object({
    role: z.enum(ROLES).optional(),
    clearance: z.enum(SENSITIVITY).optional(),
    password: NewPassword.optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'give at least one of role, clearance, password, disabled');
