import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { describeEachProvider } from '#tests/db-utils.ts'
import { createPerson } from '../test-fixtures.ts'
import { findLessonImages, readLessonImage, s3ImageStore, sha256Hex, storeLessonImage } from './image-store.server.ts'
import { concatBytes, encodePng, tinyImage } from './test-images.ts'

/** A fresh PNG per call, so every test stores bytes no other test stored. */
let drawn = 0
function freshPng() {
	const seed = ++drawn + Math.floor(Math.random() * 1_000_000)
	return encodePng(4, 3, (x, y) => [seed & 0xff, (seed >> 8) & 0xff, (x * 40 + y) & 0xff, 255])
}

/**
 * A stand-in for an S3-compatible store at the true external boundary: it keeps objects in
 * memory and refuses any request without a SigV4 Authorization header for our key, region and
 * service, or whose signed payload hash does not match the body.
 */
function fakeS3() {
	const objects = new Map<string, { type: string; body: Buffer }>()
	const requests: { method: string; url: string; authorization: string; payloadHash: string }[] = []
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = []
		req.on('data', (chunk: Buffer) => chunks.push(chunk))
		req.on('end', () => {
			const authorization = req.headers.authorization ?? ''
			const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '')
			requests.push({ method: req.method!, url: req.url!, authorization, payloadHash })
			const signed = /^AWS4-HMAC-SHA256 Credential=AKIDFAKE\/\d{8}\/cn-test-1\/s3\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/.test(authorization)
			if (!signed || !req.headers['x-amz-date']) return res.writeHead(403).end('<Error><Code>AccessDenied</Code></Error>')
			const body = Buffer.concat(chunks)
			if (req.method === 'PUT') {
				if (payloadHash !== sha256Hex(body)) return res.writeHead(400).end('<Error><Code>XAmzContentSHA256Mismatch</Code></Error>')
				objects.set(req.url!, { type: String(req.headers['content-type']), body })
				return res.writeHead(200).end()
			}
			const object = objects.get(req.url!)
			if (!object) return res.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>')
			res.writeHead(200, { 'content-type': object.type }).end(object.body)
		})
	})
	return { server, objects, requests }
}

describeEachProvider('lesson image store, bytes in the database', (getDb) => {
	test('stores checked bytes once, by hash, with the audit entry naming who, hash and size', async () => {
		const db = await getDb()
		const uploader = await createPerson(db, { roles: ['lecturer'] })
		const png = freshPng()
		const sha256 = sha256Hex(png)
		const first = await storeLessonImage(db, png, { audit: { actorId: uploader.id } })
		expect(first).toEqual({ ok: true, created: true, image: { sha256, mime: 'image/png', url: `/lesson-images/${sha256}.png`, width: 4, height: 3, byteLength: png.length } })
		const again = await storeLessonImage(db, png, { audit: { actorId: uploader.id } })
		expect(again).toMatchObject({ ok: true, created: false, image: { sha256 } })
		expect(await db.lessonImage.count({ where: { sha256 } })).toBe(1)
		expect(await db.lessonImage.findUnique({ where: { sha256 }, select: { storage: true, createdById: true } })).toEqual({ storage: 'db', createdById: uploader.id })
		const audits = await db.auditLog.findMany({ where: { action: 'lesson-image.upload', targetId: sha256 }, select: { actorId: true, after: true } })
		expect(audits).toHaveLength(2)
		expect(audits.every((entry) => entry.actorId === uploader.id)).toBe(true)
		expect(JSON.parse(audits[0]!.after!)).toMatchObject({ sha256, byteLength: png.length })

		const read = await readLessonImage(db, sha256)
		expect(read?.mime).toBe('image/png')
		expect(Buffer.from(read!.bytes).equals(Buffer.from(png))).toBe(true)
	})

	test('the same bytes stored at once from two places are one row, and both answers succeed', async () => {
		const db = await getDb()
		const png = freshPng()
		const [a, b] = await Promise.all([storeLessonImage(db, png), storeLessonImage(db, png)])
		expect(a.ok && b.ok).toBe(true)
		expect(await db.lessonImage.count({ where: { sha256: sha256Hex(png) } })).toBe(1)
	})

	test('every type round-trips byte for byte; refusals store nothing', async () => {
		const db = await getDb()
		for (const name of ['tiny.jpg', 'tiny.webp', 'tiny.gif'] as const) {
			const bytes = tinyImage(name)
			const stored = await storeLessonImage(db, bytes)
			expect(stored.ok).toBe(true)
			const read = await readLessonImage(db, sha256Hex(bytes))
			expect(Buffer.from(read!.bytes).equals(Buffer.from(bytes))).toBe(true)
		}
		const before = await db.lessonImage.count()
		const svg = concatBytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
		expect(await storeLessonImage(db, svg)).toMatchObject({ ok: false, status: 415 })
		expect(await storeLessonImage(db, freshPng().subarray(0, 30))).toMatchObject({ ok: false, status: 400 })
		expect(await db.lessonImage.count()).toBe(before)
	})

	test('unknown hashes read as nothing; findLessonImages answers only stored ones', async () => {
		const db = await getDb()
		const png = freshPng()
		await storeLessonImage(db, png)
		const unknown = 'f'.repeat(64)
		expect(await readLessonImage(db, unknown)).toBeNull()
		const found = await findLessonImages(db, [sha256Hex(png), unknown])
		expect([...found.keys()]).toEqual([sha256Hex(png)])
	})
})

describeEachProvider('lesson image store, bytes in an S3-compatible bucket', (getDb) => {
	const s3 = fakeS3()
	let store: ReturnType<typeof s3ImageStore>
	beforeAll(async () => {
		await new Promise<void>((resolve) => s3.server.listen(0, '127.0.0.1', resolve))
		const { port } = s3.server.address() as AddressInfo
		store = s3ImageStore({ endpoint: `http://127.0.0.1:${port}`, bucket: 'hongshen-images', region: 'cn-test-1', accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake-secret-key' })
	})
	afterAll(() => new Promise<void>((resolve) => s3.server.close(() => resolve())))

	test('the bytes go to the bucket under their hash with a signed request, the row keeps only the metadata', async () => {
		const db = await getDb()
		const png = freshPng()
		const sha256 = sha256Hex(png)
		const stored = await storeLessonImage(db, png, { store })
		expect(stored).toMatchObject({ ok: true, created: true })
		const put = s3.requests.find((request) => request.method === 'PUT' && request.url === `/hongshen-images/lesson-images/${sha256}`)
		expect(put?.authorization).toMatch(/^AWS4-HMAC-SHA256 /)
		expect(put?.payloadHash).toBe(sha256)
		expect(s3.objects.get(`/hongshen-images/lesson-images/${sha256}`)?.type).toBe('image/png')
		expect(await db.lessonImage.findUnique({ where: { sha256 }, select: { storage: true, bytes: true } })).toEqual({ storage: 's3', bytes: null })

		const read = await readLessonImage(db, sha256, { store })
		expect(Buffer.from(read!.bytes).equals(Buffer.from(png))).toBe(true)
		// Stored again: no second PUT.
		const puts = s3.requests.filter((request) => request.method === 'PUT').length
		expect(await storeLessonImage(db, png, { store })).toMatchObject({ ok: true, created: false })
		expect(s3.requests.filter((request) => request.method === 'PUT').length).toBe(puts)
	})

	test('a bucket that answers other bytes than the hash is not believed; a refused PUT stores no row', async () => {
		const db = await getDb()
		const png = freshPng()
		const sha256 = sha256Hex(png)
		await storeLessonImage(db, png, { store })
		s3.objects.get(`/hongshen-images/lesson-images/${sha256}`)!.body = Buffer.from(freshPng())
		await expect(readLessonImage(db, sha256, { store })).rejects.toThrow('哈希不符')

		const unsigned = s3ImageStore({ endpoint: `http://127.0.0.1:${(s3.server.address() as AddressInfo).port}`, bucket: 'hongshen-images', region: 'cn-test-1', accessKeyId: 'SOMEONE-ELSE', secretAccessKey: 'x' })
		const other = freshPng()
		await expect(storeLessonImage(db, other, { store: unsigned })).rejects.toThrow('HTTP 403')
		expect(await db.lessonImage.count({ where: { sha256: sha256Hex(other) } })).toBe(0)
	})
})

describe('sha256Hex', () => {
	test('is the hex digest of the bytes', () => {
		expect(sha256Hex(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
	})
})
