// Which image a lesson's reference names (ADR 016). A lesson may show images from http(s)
// addresses, images uploaded in the editor (/lesson-images/<sha256>.<ext>, which must be
// stored) and, for courses kept in git, image files in the course folder, written relative to
// the lesson file (`./images/x.png`, `images/x.png`) or from the course folder's root
// (`/images/x.png`: a git course is its own site, so "/" is the course folder). Any other
// reference is missing, and the refusal names its line and column. Isomorphic.
import { z } from 'zod'
import { parseLessonImageUrl } from './image-urls.ts'

export type ImageRef = { url: string; line: number; column?: number }
export type ImageRefIssue = { line: number; column?: number; message: string }

/** A course folder's images: path inside the folder (posix, `images/x.png`) → stored URL. */
export type CourseImageFiles = ReadonlyMap<string, string>

export type ImageRefKind = { kind: 'external' } | { kind: 'uploaded'; sha256: string; ext: string } | { kind: 'file'; path: string | null }

function normalizePath(joined: string): string | null {
	const parts: string[] = []
	for (const part of joined.split('/')) {
		if (part === '' || part === '.') continue
		if (part === '..') {
			if (!parts.length) return null
			parts.pop()
		} else parts.push(part)
	}
	return parts.join('/')
}

function decoded(text: string) {
	try {
		return decodeURIComponent(text)
	} catch {
		return text
	}
}

/** What a reference points at; `lessonDir` is the lesson file's folder inside the course folder ('' at its root). */
export function classifyImageRef(url: string, lessonDir = ''): ImageRefKind {
	const trimmed = url.trim()
	if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(trimmed) || trimmed.startsWith('//')) return { kind: 'external' }
	const uploaded = parseLessonImageUrl(trimmed)
	if (uploaded) return { kind: 'uploaded', ...uploaded }
	const bare = decoded(trimmed.replace(/[?#].*$/, ''))
	const base = bare.startsWith('/') ? '' : lessonDir
	return { kind: 'file', path: normalizePath(`${base}/${bare}`) }
}

/**
 * The rewrite map for the references a lesson makes, or the first missing one as a refusal.
 * `storedUploads` holds the sha256 and extension of every uploaded image the lesson names
 * that is stored (`<sha256>.<ext>`); `course` is absent for lessons written in the editor.
 */
export function resolveImageRefs(
	refs: readonly ImageRef[],
	{ storedUploads, course }: { storedUploads: ReadonlySet<string>; course?: { files: CourseImageFiles; lessonDir?: string; slug: string } },
): { ok: true; imageUrls: Record<string, string> } | { ok: false; issue: ImageRefIssue } {
	const imageUrls: Record<string, string> = {}
	for (const ref of refs) {
		const at = { line: ref.line, ...(ref.column ? { column: ref.column } : {}) }
		const target = classifyImageRef(ref.url, course?.lessonDir)
		if (target.kind === 'external') continue
		if (target.kind === 'uploaded') {
			if (storedUploads.has(`${target.sha256}.${target.ext}`)) continue
			return { ok: false, issue: { ...at, message: `图片 ${ref.url} 不存在：没有上传过这张图片（请用工具栏重新上传）` } }
		}
		if (!course) return { ok: false, issue: { ...at, message: `图片 ${ref.url} 不存在：在线编辑的课时请用工具栏上传图片，或写 https:// 开头的地址` } }
		if (target.path === null) return { ok: false, issue: { ...at, message: `图片 ${ref.url} 不存在：路径超出了课程目录 ${course.slug}/` } }
		const url = course.files.get(target.path)
		if (!url) return { ok: false, issue: { ...at, message: `图片 ${ref.url} 不存在：课程目录中没有 ${course.slug}/${target.path}` } }
		imageUrls[ref.url] = url
	}
	return { ok: true, imageUrls }
}

/** The uploaded images (`<sha256>.<ext>`) the references name, to look up before resolving. */
export function uploadedImageNames(refs: readonly ImageRef[]) {
	return refs.flatMap((ref) => {
		const target = classifyImageRef(ref.url)
		return target.kind === 'uploaded' ? [{ sha256: target.sha256, name: `${target.sha256}.${target.ext}` }] : []
	})
}

/** The map as stored (LessonVersion.imageUrls): keys sorted, so equal maps are equal text. */
export function imageUrlsJson(imageUrls: Record<string, string>) {
	return JSON.stringify(Object.fromEntries(Object.entries(imageUrls).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))))
}

const StoredMapSchema = z.record(z.string(), z.string())

/** A stored version's map (LessonVersion.imageUrls); anything unreadable is no map. */
export function parseStoredImageUrls(json: string): Record<string, string> {
	try {
		const parsed = StoredMapSchema.safeParse(JSON.parse(json || '{}'))
		return parsed.success ? parsed.data : {}
	} catch {
		return {}
	}
}
