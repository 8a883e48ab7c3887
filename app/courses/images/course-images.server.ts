// Images kept in git beside a course's lessons (ADR 016): every .png/.jpg/.jpeg/.webp/.gif
// (and, to refuse it by name, .svg) anywhere in the course folder, usually in `images/`. Each
// goes through the same check and store as an upload; a refused one is reported with its file.
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Db, DbOrTx } from '#app/utils/db-client.server.ts'
import { configuredImageStore, findLessonImages, type ImageBytesStore, sha256Hex, storeLessonImage } from './image-store.server.ts'
import { type CourseImageFiles, type ImageRef, type ImageRefIssue, imageUrlsJson, parseStoredImageUrls, resolveImageRefs, uploadedImageNames } from './image-refs.ts'
import { LESSON_IMAGE_MAX_BYTES } from './validate-image.ts'

export const COURSE_IMAGE_FILE = /\.(png|jpe?g|webp|gif|svg)$/i
/** The folder images usually sit in; anything in it that is not an image is reported. */
export const COURSE_IMAGE_DIR = 'images'
const MAX_IMAGES_PER_COURSE = 500

export type CourseImages = { files: CourseImageFiles; stored: number; unchanged: number; errors: { file: string; message: string }[] }

/** Finds, checks and stores a course folder's images. `slug` names files in messages. */
export async function syncCourseImages(db: Db, dir: string, slug: string, { store = configuredImageStore }: { store?: ImageBytesStore } = {}): Promise<CourseImages> {
	const result: CourseImages = { files: new Map(), stored: 0, unchanged: 0, errors: [] }
	const files = new Map<string, string>()
	const entries = await readdir(dir, { recursive: true, withFileTypes: true })
	const candidates: string[] = []
	for (const entry of entries) {
		if (!entry.isFile()) continue
		const relative = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')
		if (relative.split('/').some((part) => part.startsWith('.'))) continue
		if (COURSE_IMAGE_FILE.test(entry.name)) candidates.push(relative)
		else if (relative.startsWith(`${COURSE_IMAGE_DIR}/`)) result.errors.push({ file: `${slug}/${relative}`, message: '图片目录中只能放 PNG、JPEG、WebP 或 GIF 图片' })
	}
	candidates.sort()
	if (candidates.length > MAX_IMAGES_PER_COURSE) {
		result.errors.push({ file: `${slug}/`, message: `课程目录中的图片超过 ${MAX_IMAGES_PER_COURSE} 张，只同步了前 ${MAX_IMAGES_PER_COURSE} 张` })
		candidates.length = MAX_IMAGES_PER_COURSE
	}
	for (const relative of candidates) {
		const full = path.join(dir, relative)
		// A huge file is refused by its size, without reading it.
		const { size } = await stat(full)
		if (size > LESSON_IMAGE_MAX_BYTES) {
			result.errors.push({ file: `${slug}/${relative}`, message: `图片超过 ${LESSON_IMAGE_MAX_BYTES / 1024 / 1024} MB，请压缩后再提交` })
			continue
		}
		const bytes = new Uint8Array(await readFile(full))
		const known = (await findLessonImages(db, [sha256Hex(bytes)])).get(sha256Hex(bytes))
		if (known) {
			files.set(relative, known.url)
			result.unchanged += 1
			continue
		}
		const outcome = await storeLessonImage(db, bytes, { store })
		if (!outcome.ok) {
			result.errors.push({ file: `${slug}/${relative}`, message: outcome.message })
			continue
		}
		files.set(relative, outcome.image.url)
		result.stored += 1
	}
	result.files = files
	return result
}

export type LessonImageResolution = { ok: true; imageUrls: Record<string, string> } | { ok: false; issue: ImageRefIssue }

/**
 * Resolves a lesson's image references: uploaded images must be stored, files must be in the
 * course folder (git lessons only). `course` is absent for a lesson written in the editor.
 */
export async function resolveLessonImages(db: DbOrTx, refs: readonly ImageRef[], course?: { files: CourseImageFiles; lessonDir?: string; slug: string }): Promise<LessonImageResolution> {
	const uploads = uploadedImageNames(refs)
	const found = await findLessonImages(
		db,
		uploads.map((upload) => upload.sha256),
	)
	const storedUploads = new Set([...found.values()].map((image) => image.url.slice('/lesson-images/'.length)))
	return resolveImageRefs(refs, { storedUploads, course })
}

/**
 * Whether a stored git lesson's images are still the files in its course folder: its text may
 * be unchanged while an image beside it was replaced, and then the lesson is synced again.
 */
export function storedImagesCurrent(storedJson: string, course: { files: CourseImageFiles; lessonDir?: string; slug: string }) {
	const stored = parseStoredImageUrls(storedJson)
	const refs = Object.keys(stored).map((url) => ({ url, line: 1 }))
	const now = resolveImageRefs(refs, { storedUploads: new Set(), course })
	return now.ok && imageUrlsJson(now.imageUrls) === imageUrlsJson(stored)
}

export { imageUrlsJson, parseStoredImageUrls }
