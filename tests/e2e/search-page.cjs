// Serves the site in DIR over HTTP on a free local port (Pagefind fetches
// its index, which a browser refuses from file://), opens PAGE in headless
// Chromium, types WORDS into its Pagefind box and prints one result link
// per line (the href, as the page shows it); with PNG, a screenshot of the
// results. Exit status 1 on a console error or when no search box answers.
// usage: node search-page.cjs DIR PAGE WORDS [PNG]
// NODE_PATH must hold puppeteer-core (.ci/deps.sh installs it in build/node).
const puppeteer = require('puppeteer-core');
const http = require('http');
const fs = require('fs');
const path = require('path');

const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
	'.json': 'application/json', '.wasm': 'application/wasm' };

function serve(dir) {
	const server = http.createServer((req, res) => {
		const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
		const file = path.join(dir, path.normalize(rel).replace(/^(\.\.[\/\\])+/, ''));
		fs.readFile(file, (err, data) => {
			if (err) { res.writeHead(404); res.end(); return; }
			res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
			res.end(data);
		});
	});
	return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

(async () => {
	const [dir, page0, words, png] = process.argv.slice(2);
	const server = await serve(dir);
	const url = `http://127.0.0.1:${server.address().port}/${page0}`;
	const browser = await puppeteer.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
	});
	let status = 0;
	try {
		const page = await browser.newPage();
		await page.setViewport({ width: 1200, height: 1600 });
		const errors = [];
		page.on('pageerror', (e) => errors.push(String(e)));
		page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
		await page.goto(url, { waitUntil: 'networkidle0' });
		await page.type('.pagefind-ui__search-input', words);
		// results, or Pagefind's "no results" message
		await page.waitForFunction(() => {
			const m = document.querySelector('.pagefind-ui__message');
			return document.querySelector('.pagefind-ui__result-link') ||
				(m && /\d/.test(m.textContent));
		}, { timeout: 20000 });
		await new Promise((r) => setTimeout(r, 500));
		const links = await page.$$eval('.pagefind-ui__result-link', (as) => as.map((a) => a.getAttribute('href')));
		for (const l of links) console.log(l);
		if (png) await page.screenshot({ path: png, fullPage: false });
		if (errors.length) {
			console.error('console errors: ' + errors.join(' | '));
			status = 1;
		}
	} catch (e) {
		console.error(String(e));
		status = 1;
	} finally {
		await browser.close();
		server.close();
	}
	process.exit(status);
})();
