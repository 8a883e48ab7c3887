// A one-time message shown after a redirect ("已保存。"), the confirmation of the
// post-redirect-get pattern (ADR 070). Isomorphic: the shape only.
import { z } from 'zod'

export const ToastSchema = z.object({
	type: z.enum(['success', 'error', 'info']).default('success'),
	title: z.string().min(1).max(200),
	description: z.string().max(500).optional(),
	/** Tells two equal messages apart, so the second one is shown too. */
	id: z.string().max(40),
})
export type Toast = z.infer<typeof ToastSchema>
export type ToastInput = Omit<Toast, 'id' | 'type'> & { type?: Toast['type'] }
