// Lecturer pages are for lecturers and admins (the '/lecturer' area of app/utils/access.ts); each
// loader and action calls requireAccess itself (the route-guard test reads for it) and turns the
// person into an Editor.
import type { Editor } from '#app/courses/courses.server.ts'
import type { SessionUser } from '#app/utils/auth.server.ts'

export function editorFrom(user: SessionUser): Editor {
	return { userId: user.id, isAdmin: user.roles.includes('admin') }
}
