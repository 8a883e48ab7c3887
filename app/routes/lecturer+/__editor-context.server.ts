// Lecturer pages are for lecturers and admins; each loader and action calls requireRole with
// these roles itself (the route-guard test reads for it) and turns the person into an Editor.
import type { Editor } from '#app/courses/courses.server.ts'
import type { SessionUser } from '#app/utils/auth.server.ts'
import type { Role } from '#app/utils/roles.ts'

export const EDITOR_ROLES: Role[] = ['lecturer', 'admin']

export function editorFrom(user: SessionUser): Editor {
	return { userId: user.id, isAdmin: user.roles.includes('admin') }
}
