// Builders for course tests: people with roles, a throwaway copy of content/courses to
// edit, and a lesson file written the way lecturers write them.
import { randomUUID } from 'node:crypto'
import { cpSync, mkdtempSync } from 'node:fs'
import path from 'node:path'
import type { Db } from '#app/utils/db-client.server.ts'
import type { Editor } from './courses.server.ts'
import { DEFAULT_CONTENT_ROOT } from './git-sync.server.ts'

export function uniqueTag() {
	return randomUUID().slice(0, 8)
}

export async function createPerson(db: Db, { roles = ['learner'], name }: { roles?: string[]; name?: string } = {}) {
	const tag = uniqueTag()
	const unit = await db.unit.create({ data: { name: `单位${tag}`, kind: 'department' }, select: { id: true } })
	return db.user.create({
		data: { username: `u${tag}`, name: name ?? `学员${tag}`, unitId: unit.id, roles: { create: roles.map((role) => ({ role })) } },
		select: { id: true, name: true, username: true },
	})
}

export async function createEditor(db: Db, { admin = false } = {}): Promise<Editor & { name: string }> {
	const person = await createPerson(db, { roles: admin ? ['admin'] : ['lecturer'], name: `讲师${uniqueTag()}` })
	return { userId: person.id, isAdmin: admin, name: person.name }
}

/** A private copy of the git content that a test may change. */
export function copyOfContent() {
	// Beside the run's template database, so the run's teardown removes it.
	const runDir = path.dirname(process.env.TEST_SQLITE_TEMPLATE!)
	const root = path.join(mkdtempSync(path.join(runDir, 'content-')), 'courses')
	cpSync(DEFAULT_CONTENT_ROOT, root, { recursive: true })
	return root
}

export function lessonSource({ title, body, minutes = 10 }: { title: string; body: string; minutes?: number }) {
	return `---\ntitle: ${title}\nestimatedMinutes: ${minutes}\n---\n\n${body}\n`
}

export const CHECK_BODY = `<KnowledgeCheck id="kc-1" question="预算调整须经什么程序？" answer="B" explanation="非经法定程序不得调整。">
  <Option value="A">单位领导同意</Option>
  <Option value="B">法定程序</Option>
</KnowledgeCheck>`
