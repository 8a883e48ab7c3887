// Who is editing: every lecturer route turns the signed-in person into the domain's Editor.
import type { Editor } from '#app/courses/courses.ts'
import { requireRole } from '#app/utils/auth.server.ts'

export async function requireEditor(request: Request): Promise<Editor> {
	const user = await requireRole(request, ['lecturer', 'admin'])
	return { userId: user.id, isAdmin: user.roles.includes('admin') }
}
