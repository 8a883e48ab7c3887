// The one URL shape of a stored lesson image, /lesson-images/<sha256>.<ext> (ADR 016): built
// by the store, served by app/routes/lesson-images.$name.ts, written into lessons. Isomorphic.
import { LESSON_IMAGE_TYPES, type LessonImageExt, type LessonImageMime } from './validate-image.ts'

export const LESSON_IMAGE_PATH = '/lesson-images/'
const NAME = /^([0-9a-f]{64})\.(png|jpg|webp|gif)$/
const URL_IN_TEXT = /^\/lesson-images\/([0-9a-f]{64})\.(png|jpg|webp|gif)$/

export function lessonImageUrl(sha256: string, mime: LessonImageMime) {
	return `${LESSON_IMAGE_PATH}${sha256}.${LESSON_IMAGE_TYPES[mime]}`
}

/** The hash and extension of a served name (`<sha256>.<ext>`), or null for anything else. */
export function parseLessonImageName(name: string): { sha256: string; ext: LessonImageExt } | null {
	const match = NAME.exec(name)
	return match ? { sha256: match[1]!, ext: match[2] as LessonImageExt } : null
}

/** The hash a lesson's reference to an uploaded image names, or null when it is not one. */
export function parseLessonImageUrl(url: string): { sha256: string; ext: LessonImageExt } | null {
	const match = URL_IN_TEXT.exec(url)
	return match ? { sha256: match[1]!, ext: match[2] as LessonImageExt } : null
}
