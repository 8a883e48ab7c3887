// Brings the courses kept in git (content/courses/<slug>/course.yaml|json|md and
// NN-<lesson>.md or .mdx) into the database by content hash: an unchanged file writes nothing, a
// changed lesson gets a new published version, a removed one is archived (progress stays).
// A lesson that fails the gate is reported with its line and keeps its last version; its
// warnings (unknown frontmatter keys, kept) are reported beside the errors.
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db, DbTx } from '#app/utils/db-client.server.ts'
import { COURSE_IMAGE_DIR, COURSE_IMAGE_FILE, resolveLessonImages, storedImagesCurrent, syncCourseImages } from './images/course-images.server.ts'
import type { CourseImageFiles } from './images/image-refs.ts'
import { createVersion, findUnknownProblem } from './lesson-versions.ts'
import { type LessonCheckResult, sha256 } from './mdx/check-lesson.server.ts'
import { frontmatterIssue, normalizeSource, parseSafeYaml, readFrontmatterBlock } from './mdx/frontmatter.ts'
import { formatIssue } from './mdx/issues.ts'
import { checkLessonSource } from './mdx/lesson-workers.server.ts'
import { CommonProblemFileSchema, syncCommonProblems } from './problems.ts'
import { AudienceInputSchema, TopicInputSchema } from './vocabulary.ts'

export const DEFAULT_CONTENT_ROOT = path.resolve(process.cwd(), 'content/courses')
export const COMMON_PROBLEMS_FILE = 'common-problems.yaml'
const COURSE_FILES = ['course.yaml', 'course.yml', 'course.json', 'course.md'] as const
const LESSON_FILE = /^(\d{2,3})-([a-z0-9][a-z0-9-]*)\.mdx?$/
const COURSE_SLUG = /^[a-z0-9][a-z0-9-]{1,60}$/

const LecturerRefSchema = z.strictObject(
	{
		name: z.string({ error: '讲师须写明 name' }).trim().min(1, '讲师须写明 name').max(50),
		title: z.string().trim().max(100).default(''),
		bio: z.string().trim().max(1000).default(''),
	},
	{ error: (issue) => (issue.code === 'unrecognized_keys' ? `讲师不支持字段 ${issue.keys.join('、')}` : '讲师须写成 name / title / bio') },
)

export const CourseFileSchema = z.strictObject(
	{
		title: z.string({ error: '缺少 title（课程名称）' }).trim().min(1, '缺少 title（课程名称）').max(100),
		summary: z.string().trim().max(1000).default(''),
		topic: TopicInputSchema,
		audiences: z.array(AudienceInputSchema, { error: 'audiences 须为列表' }).min(1, '请至少写一类受众'),
		lecturers: z.array(LecturerRefSchema, { error: 'lecturers 须为列表' }).default([]),
		sortOrder: z.number().int().default(0),
		/** draft keeps a course out of the catalog while it is being written */
		status: z.enum(['published', 'draft'], { error: 'status 只能是 published 或 draft' }).default('published'),
	},
	{ error: (issue) => (issue.code === 'unrecognized_keys' ? `课程文件不支持字段 ${issue.keys.join('、')}` : '课程文件须为键值') },
)
type CourseFile = z.infer<typeof CourseFileSchema>

type Counts = { created: number; updated: number; unchanged: number; archived: number }
export type SyncError = { file: string; message: string }
export type SyncReport = {
	courses: Counts
	lessons: Counts
	problems: Record<string, number> | null
	/** Images in course folders (ADR 016): newly stored, already stored. */
	images: { stored: number; unchanged: number }
	errors: SyncError[]
	warnings: SyncError[]
}

const emptyCounts = (): Counts => ({ created: 0, updated: 0, unchanged: 0, archived: 0 })

function parseCourseFile(name: string, raw: string): { ok: true; course: CourseFile } | { ok: false; message: string } {
	const normalized = normalizeSource(raw)
	let data: unknown
	let yamlLines: string[] = []
	let firstYamlLine = 1
	if (name.endsWith('.json')) {
		try {
			data = JSON.parse(normalized)
		} catch (error) {
			return { ok: false, message: `JSON 格式有误：${(error as Error).message}` }
		}
	} else if (name.endsWith('.md')) {
		const block = readFrontmatterBlock(normalized, '课程文件')
		if (!block.ok) return { ok: false, message: formatIssue(block.issue) }
		const fields = (block.value.data ?? {}) as Record<string, unknown>
		const body = block.value.body.trim()
		data = body && typeof fields === 'object' && !('summary' in fields) ? { ...fields, summary: body } : fields
		yamlLines = block.value.yamlLines
		firstYamlLine = 2
	} else {
		const parsed = parseSafeYaml(normalized)
		if (!parsed.ok) return { ok: false, message: formatIssue(parsed.issue) }
		data = parsed.data
		yamlLines = normalized.split('\n')
	}
	const result = CourseFileSchema.safeParse(data)
	if (!result.success) return { ok: false, message: formatIssue(frontmatterIssue(result.error, yamlLines, firstYamlLine)) }
	return { ok: true, course: result.data }
}

async function upsertLecturers(tx: DbTx, courseId: string, lecturers: CourseFile['lecturers']) {
	await tx.courseLecturer.deleteMany({ where: { courseId } })
	for (const [position, lecturer] of lecturers.entries()) {
		const row = await tx.lecturer.upsert({
			where: { name_title: { name: lecturer.name, title: lecturer.title } },
			create: lecturer,
			update: lecturer.bio ? { bio: lecturer.bio } : {},
			select: { id: true },
		})
		await tx.courseLecturer.create({ data: { courseId, lecturerId: row.id, position } })
	}
}

type LessonFile = { fileName: string; relativePath: string; slug: string; position: number; source: string; checked?: LessonCheckResult }
/** A course folder's stored images, for resolving its lessons' references (lessons sit at the folder's root). */
type CourseImagesContext = { files: CourseImageFiles; slug: string }

async function syncCourse(db: Db, root: string, slug: string, report: SyncReport, now: Date) {
	const dir = path.join(root, slug)
	const names = (await readdir(dir)).sort()
	const courseFileName = COURSE_FILES.find((name) => names.includes(name))
	if (!courseFileName) return report.errors.push({ file: `${slug}/`, message: `缺少课程文件（${COURSE_FILES.join(' / ')}）` })
	const rawCourse = await readFile(path.join(dir, courseFileName), 'utf8')
	const parsed = parseCourseFile(courseFileName, rawCourse)
	if (!parsed.ok) return report.errors.push({ file: `${slug}/${courseFileName}`, message: parsed.message })
	const courseFile = parsed.course
	const courseHash = sha256(normalizeSource(rawCourse))

	const lessonFiles: LessonFile[] = []
	for (const fileName of names) {
		if (fileName === courseFileName || fileName.startsWith('.')) continue
		// Images beside the lessons or in images/ (ADR 016) are read by syncCourseImages below.
		if (fileName === COURSE_IMAGE_DIR || COURSE_IMAGE_FILE.test(fileName)) continue
		const match = LESSON_FILE.exec(fileName)
		if (!match) {
			report.errors.push({ file: `${slug}/${fileName}`, message: '课时文件名须为“两位序号-英文小写名.md”（或 .mdx），如 01-budget-basics.md' })
			continue
		}
		const source = normalizeSource(await readFile(path.join(dir, fileName), 'utf8'))
		lessonFiles.push({ fileName, relativePath: `${slug}/${fileName}`, slug: match[2]!, position: Number(match[1]), source })
	}
	// The folder's images are stored first (content-addressed, so outside the transaction).
	const courseImages = await syncCourseImages(db, dir, slug)
	report.images.stored += courseImages.stored
	report.images.unchanged += courseImages.unchanged
	report.errors.push(...courseImages.errors)
	const images: CourseImagesContext = { files: courseImages.files, slug }
	// Lessons whose text (or an image beside them) changed are checked (in a lesson worker, up to
	// its time limit each) before the transaction opens, so a slow file cannot hold the database.
	const published = new Map(
		(await db.lesson.findMany({ where: { course: { slug } }, select: { publishedVersion: { select: { contentHash: true, imageUrls: true } } } })).map((lesson) => [
			lesson.publishedVersion?.contentHash,
			lesson.publishedVersion?.imageUrls ?? '{}',
		]),
	)
	for (const file of lessonFiles) {
		const stored = published.get(sha256(file.source))
		if (stored === undefined || !storedImagesCurrent(stored, images)) file.checked = await checkLessonSource(file.source)
	}

	await db.$transaction(
		async (tx) => {
			const existingCourse = await tx.course.findUnique({ where: { slug }, select: { id: true, origin: true, sourceHash: true, status: true } })
			if (existingCourse && existingCourse.origin !== 'git') {
				report.errors.push({ file: `${slug}/`, message: `已有同名（${slug}）的在线课程，git 课程未同步` })
				return
			}
			const fields = { title: courseFile.title, summary: courseFile.summary, topic: courseFile.topic, sortOrder: courseFile.sortOrder, status: courseFile.status, sourceHash: courseHash }
			let courseId: string
			if (!existingCourse) {
				courseId = (await tx.course.create({ data: { slug, origin: 'git', ...fields, publishedAt: now }, select: { id: true } })).id
				report.courses.created += 1
			} else {
				courseId = existingCourse.id
				if (existingCourse.sourceHash === courseHash && existingCourse.status === courseFile.status) report.courses.unchanged += 1
				else {
					await tx.course.update({ where: { id: courseId }, data: fields })
					report.courses.updated += 1
				}
			}
			if (existingCourse?.sourceHash !== courseHash) {
				await tx.courseAudience.deleteMany({ where: { courseId } })
				await tx.courseAudience.createMany({ data: courseFile.audiences.map((audience) => ({ courseId, audience })) })
				await upsertLecturers(tx, courseId, courseFile.lecturers)
			}
			await syncLessons(tx, courseId, lessonFiles, images, report, now)
		},
		{ timeout: 60_000 },
	)
}

async function syncLessons(tx: DbTx, courseId: string, files: LessonFile[], images: CourseImagesContext, report: SyncReport, now: Date) {
	const existing = await tx.lesson.findMany({
		where: { courseId },
		select: { id: true, slug: true, position: true, sourcePath: true, archivedAt: true, publishedVersion: { select: { contentHash: true, imageUrls: true } } },
	})
	const bySlug = new Map(existing.map((lesson) => [lesson.slug, lesson]))
	for (const file of files) {
		const lesson = bySlug.get(file.slug)
		const placement = { position: file.position, sourcePath: file.relativePath, archivedAt: null }
		const samePlace = lesson && lesson.position === file.position && lesson.sourcePath === file.relativePath && !lesson.archivedAt
		if (lesson?.publishedVersion?.contentHash === sha256(file.source) && storedImagesCurrent(lesson.publishedVersion.imageUrls, images)) {
			if (samePlace) report.lessons.unchanged += 1
			else {
				await tx.lesson.update({ where: { id: lesson.id }, data: placement })
				report.lessons.updated += 1
			}
			continue
		}
		const checked = file.checked ?? (await checkLessonSource(file.source))
		for (const warning of checked.warnings ?? []) report.warnings.push({ file: file.relativePath, message: formatIssue(warning) })
		const refusal = checked.ok ? await findUnknownProblem(tx, checked.lesson) : checked.issue
		if (!checked.ok || refusal) {
			report.errors.push({ file: file.relativePath, message: formatIssue(refusal!) })
			continue
		}
		// Every image the lesson shows must be in its course folder (or uploaded, or on the web).
		const resolved = await resolveLessonImages(tx, checked.lesson.imageRefs, images)
		if (!resolved.ok) {
			report.errors.push({ file: file.relativePath, message: formatIssue(resolved.issue) })
			continue
		}
		const lessonId = lesson?.id ?? (await tx.lesson.create({ data: { courseId, slug: file.slug, ...placement }, select: { id: true } })).id
		const version = await createVersion(tx, { lessonId, checked: checked.lesson, imageUrls: resolved.imageUrls, userId: null, publishedAt: now })
		await tx.lesson.update({ where: { id: lessonId }, data: { ...placement, publishedVersionId: version.id } })
		report.lessons[lesson ? 'updated' : 'created'] += 1
	}
	const inGit = new Set(files.map((file) => file.slug))
	const gone = existing.filter((lesson) => !inGit.has(lesson.slug) && !lesson.archivedAt)
	if (gone.length) {
		await tx.lesson.updateMany({ where: { id: { in: gone.map((lesson) => lesson.id) } }, data: { archivedAt: now } })
		report.lessons.archived += gone.length
	}
}

async function syncProblemsFile(db: Db, root: string, report: SyncReport) {
	let raw: string
	try {
		raw = await readFile(path.join(root, COMMON_PROBLEMS_FILE), 'utf8')
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
		throw error
	}
	const yaml = parseSafeYaml(normalizeSource(raw))
	if (!yaml.ok) return report.errors.push({ file: COMMON_PROBLEMS_FILE, message: formatIssue(yaml.issue) })
	const entries = CommonProblemFileSchema.safeParse(yaml.data)
	if (!entries.success) {
		const issue = entries.error.issues[0]!
		return report.errors.push({ file: COMMON_PROBLEMS_FILE, message: `第 ${Number(issue.path[0]) + 1} 条：${issue.message}` })
	}
	report.problems = await db.$transaction((tx) => syncCommonProblems(tx, entries.data), { timeout: 60_000 })
}

/** Syncs the 共性问题 file first (lessons name its entries), then every course folder. */
export async function syncGitContent(db: Db, { root = DEFAULT_CONTENT_ROOT, now = new Date() }: { root?: string; now?: Date } = {}): Promise<SyncReport> {
	const report: SyncReport = { courses: emptyCounts(), lessons: emptyCounts(), problems: null, images: { stored: 0, unchanged: 0 }, errors: [], warnings: [] }
	await syncProblemsFile(db, root, report)
	const entries = await readdir(root, { withFileTypes: true })
	const slugs = entries.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.')).map((entry) => entry.name).sort()
	for (const slug of slugs) {
		if (!COURSE_SLUG.test(slug)) {
			report.errors.push({ file: `${slug}/`, message: '课程目录名须为英文小写字母、数字和 -' })
			continue
		}
		await syncCourse(db, root, slug, report, now)
	}
	const { count } = await db.course.updateMany({ where: { origin: 'git', slug: { notIn: slugs }, status: { not: 'archived' } }, data: { status: 'archived' } })
	report.courses.archived += count

	const changed = report.courses.created + report.courses.updated + report.courses.archived + report.lessons.created + report.lessons.updated + report.lessons.archived
	if (changed) {
		await auditedTransaction(db, (tx) =>
			writeAuditLog(tx, {
				actorId: null,
				action: 'content.sync',
				targetType: 'course',
				summary: `同步 git 课程：课程新增 ${report.courses.created}、更新 ${report.courses.updated}、下架 ${report.courses.archived}；课时新增 ${report.lessons.created}、更新 ${report.lessons.updated}、归档 ${report.lessons.archived}`,
				after: { courses: report.courses, lessons: report.lessons, errors: report.errors.length },
			}),
		)
	}
	return report
}
