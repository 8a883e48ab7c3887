// Two versions of one lesson compared, for the history page: only a lesson this editor may open
// in the editor (the same guard as the editor and the history list), only its own versions.
import { z } from 'zod'
import type { Db } from '#app/utils/db-client.server.ts'
import type { Editor } from './courses.server.ts'
import { diffLessonSources, foldUnchanged } from './lesson-diff.ts'
import { getLessonForEditor } from './lessons.ts'

const VersionParam = z.coerce.number({ error: '版本号无效' }).int('版本号无效').positive('版本号无效')

export type CompareRequest = { from?: string | null; to?: string | null; full?: boolean }

/**
 * Which two versions to compare: the ones asked for, else the version before the newest and
 * the newest (the open draft when there is one, else what learners see). A bad or unknown
 * version is a Chinese problem for the form, never an error page.
 */
export function chooseVersions(history: readonly { version: number }[], request: CompareRequest) {
	const known = new Set(history.map((entry) => entry.version))
	const pick = (raw: string | null | undefined, fallback: number | undefined, label: string) => {
		if (raw === null || raw === undefined || raw === '') return { version: fallback ?? null, problem: null }
		const parsed = VersionParam.safeParse(raw)
		if (!parsed.success) return { version: null, problem: `${label}：${parsed.error.issues[0]!.message}` }
		if (!known.has(parsed.data)) return { version: null, problem: `${label}：没有第 ${parsed.data} 版` }
		return { version: parsed.data, problem: null }
	}
	const to = pick(request.to, history[0]?.version, '新版本')
	const from = pick(request.from, history.find((entry) => to.version !== null && entry.version < to.version)?.version ?? history[1]?.version, '旧版本')
	const problem = from.problem ?? to.problem ?? (from.version !== null && from.version === to.version ? '请选择两个不同的版本' : null)
	return { from: from.version, to: to.version, problem }
}

/** The two versions' sources and their line diff (unchanged stretches folded unless `full`), or null when the editor may not open the lesson. */
export async function compareLessonVersions(db: Db, editor: Editor, { lessonId, ...request }: CompareRequest & { lessonId: string }) {
	const lesson = await getLessonForEditor(db, editor, lessonId)
	if (!lesson) return null
	const chosen = chooseVersions(lesson.history, request)
	if (chosen.problem || chosen.from === null || chosen.to === null) {
		return { from: chosen.from, to: chosen.to, problem: chosen.problem ?? (lesson.history.length < 2 ? '只有一个版本，暂无可对比的内容' : null), diff: null }
	}
	const rows = await db.lessonVersion.findMany({ where: { lessonId: lesson.id, version: { in: [chosen.from, chosen.to] } }, select: { version: true, source: true } })
	const sourceOf = (version: number) => rows.find((row) => row.version === version)!.source
	const diff = diffLessonSources(sourceOf(chosen.from), sourceOf(chosen.to))
	return {
		from: chosen.from,
		to: chosen.to,
		problem: null,
		diff: { added: diff.added, removed: diff.removed, changed: diff.changed, rows: request.full ? diff.rows : foldUnchanged(diff.rows) },
	}
}
