// The lesson image store (ADR 016): content-addressed by the sha256 of the bytes, one
// LessonImage row per image in the database either way, the bytes in that row by default
// (every app server can read every image with nothing more to run) or in an S3-compatible
// bucket when LESSON_IMAGE_S3_* is set. The same bytes stored twice are one image.
import { createHash } from 'node:crypto'
import { AwsClient } from 'aws4fetch'
import type { LessonImageS3Settings } from '../../../server/env.mjs'
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db, DbOrTx } from '#app/utils/db-client.server.ts'
import { serverEnv } from '#app/utils/env.server.ts'
import { lessonImageUrl } from './image-urls.ts'
import { checkLessonImage, type LessonImageMime } from './validate-image.ts'

/** Where the bytes of images go besides their row. */
export type ImageBytesStore =
	| { kind: 'db' }
	| { kind: 's3'; put: (sha256: string, mime: string, bytes: Uint8Array) => Promise<void>; get: (sha256: string) => Promise<Uint8Array | null> }

export const DATABASE_IMAGE_STORE: ImageBytesStore = { kind: 'db' }

const S3_TIMEOUT_MS = 15_000

export class ImageStoreError extends Error {}

/** An S3-compatible bucket, addressed path-style, every request signed with SigV4 (aws4fetch). */
export function s3ImageStore(settings: LessonImageS3Settings): ImageBytesStore {
	const client = new AwsClient({ accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey, region: settings.region, service: 's3', retries: 2 })
	const objectUrl = (sha256: string) => `${settings.endpoint}/${encodeURIComponent(settings.bucket)}/lesson-images/${sha256}`
	return {
		kind: 's3',
		async put(sha256, mime, bytes) {
			const response = await client.fetch(objectUrl(sha256), {
				method: 'PUT',
				body: bytes as Uint8Array<ArrayBuffer>,
				// The payload's hash is signed too, so the store can refuse bytes changed on the way.
				headers: { 'content-type': mime, 'x-amz-content-sha256': sha256 },
				signal: AbortSignal.timeout(S3_TIMEOUT_MS),
			})
			if (!response.ok) throw new ImageStoreError(`对象存储拒绝写入图片（HTTP ${response.status}）`)
			await response.body?.cancel()
		},
		async get(sha256) {
			const response = await client.fetch(objectUrl(sha256), { method: 'GET', signal: AbortSignal.timeout(S3_TIMEOUT_MS) })
			if (response.status === 404) return null
			if (!response.ok) throw new ImageStoreError(`对象存储读取图片失败（HTTP ${response.status}）`)
			const bytes = new Uint8Array(await response.arrayBuffer())
			// The name is the content's hash: a bucket that returns other bytes is not believed.
			if (sha256Hex(bytes) !== sha256) throw new ImageStoreError('对象存储返回的图片与其哈希不符')
			return bytes
		},
	}
}

/** The app's store, from the environment: the database unless LESSON_IMAGE_S3_* is set. */
export const configuredImageStore: ImageBytesStore = serverEnv.lessonImageS3 ? s3ImageStore(serverEnv.lessonImageS3) : DATABASE_IMAGE_STORE

export function sha256Hex(bytes: Uint8Array) {
	return createHash('sha256').update(bytes).digest('hex')
}

export type StoredImage = { sha256: string; mime: LessonImageMime; url: string; width: number; height: number; byteLength: number }
export type StoreOutcome = { ok: true; image: StoredImage; created: boolean } | { ok: false; status: 400 | 413 | 415; message: string }

const IMAGE_FIELDS = { sha256: true, mime: true, width: true, height: true, byteLength: true } as const

function asStored(row: { sha256: string; mime: string; width: number; height: number; byteLength: number }): StoredImage {
	const mime = row.mime as LessonImageMime
	return { sha256: row.sha256, mime, url: lessonImageUrl(row.sha256, mime), width: row.width, height: row.height, byteLength: row.byteLength }
}

/**
 * Checks and stores one image. Bytes already stored are not written again (`created: false`).
 * `audit` names who stored it (an upload); git content is audited by its sync instead.
 */
export async function storeLessonImage(
	db: Db,
	bytes: Uint8Array,
	{ store = configuredImageStore, audit }: { store?: ImageBytesStore; audit?: { actorId: string; actorName?: string } } = {},
): Promise<StoreOutcome> {
	const verdict = checkLessonImage(bytes)
	if (!verdict.ok) return verdict
	const sha256 = sha256Hex(bytes)
	const existing = await db.lessonImage.findUnique({ where: { sha256 }, select: IMAGE_FIELDS })
	const row = { sha256, mime: verdict.mime, width: verdict.width, height: verdict.height, byteLength: verdict.byteLength }
	// The object goes in before its row, so a row never names bytes that are nowhere.
	if (!existing && store.kind === 's3') await store.put(sha256, verdict.mime, bytes)
	const write = async (tx: DbOrTx, create: boolean) => {
		if (create) {
			await tx.lessonImage.create({
				data: { ...row, bytes: store.kind === 'db' ? new Uint8Array(bytes) : null, storage: store.kind, createdById: audit?.actorId ?? null },
				select: { sha256: true },
			})
		}
		if (audit) {
			await writeAuditLog(tx, {
				actorId: audit.actorId,
				actorName: audit.actorName ?? null,
				action: 'lesson-image.upload',
				targetType: 'lesson-image',
				targetId: sha256,
				summary: `上传课时图片 ${verdict.ext.toUpperCase()} ${verdict.width}×${verdict.height}，${bytes.length} 字节${create ? '' : '（已存在，未重复保存）'}`,
				after: { sha256, mime: verdict.mime, byteLength: bytes.length, created: create },
			})
		}
	}
	const run = (create: boolean) => (audit ? auditedTransaction(db, (tx) => write(tx, create)) : write(db, create))
	let created = !existing
	try {
		await run(created)
	} catch (error) {
		// The same bytes stored from elsewhere a moment ago (the row's key is their hash): the
		// same image. The transaction that met the conflict is gone, so its audit entry is written again.
		if (!created || (error as { code?: string } | null)?.code !== 'P2002') throw error
		created = false
		await run(false)
	}
	return { ok: true, image: asStored(existing ?? row), created }
}

export type ImageBytes = { sha256: string; mime: LessonImageMime; bytes: Uint8Array }

/** The stored bytes and type of an image, or null when there is no such image. */
export async function readLessonImage(db: DbOrTx, sha256: string, { store = configuredImageStore }: { store?: ImageBytesStore } = {}): Promise<ImageBytes | null> {
	const row = await db.lessonImage.findUnique({ where: { sha256 }, select: { mime: true, bytes: true, storage: true } })
	if (!row) return null
	const mime = row.mime as LessonImageMime
	if (row.storage === 'db') return row.bytes ? { sha256, mime, bytes: row.bytes } : null
	if (store.kind !== 's3') throw new ImageStoreError(`图片 ${sha256} 保存在对象存储中，但本服务器未设置 LESSON_IMAGE_S3_*`)
	const bytes = await store.get(sha256)
	return bytes ? { sha256, mime, bytes } : null
}

/** Which of these hashes name stored images, with their types. */
export async function findLessonImages(db: DbOrTx, sha256s: string[]): Promise<Map<string, StoredImage>> {
	if (!sha256s.length) return new Map()
	const rows = await db.lessonImage.findMany({ where: { sha256: { in: [...new Set(sha256s)] } }, select: IMAGE_FIELDS })
	return new Map(rows.map((row) => [row.sha256, asStored(row)]))
}
