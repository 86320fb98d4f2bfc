// Validate many cases with rdf-validate-shacl (SHACL Core, in JavaScript) in one Node process.
// Reads a job from stdin: {"shapes": [files], "cases": [{"name": ..., "data": [files]}]};
// writes one JSON line per case: whether it conforms
// and, for each result of the report graph, its focus node, path, value, source shape and
// constraint component. Every quad of a file is read into one graph: a TriG or N-Quads export
// is validated as the union of its named graphs.
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import N3 from 'n3'

const { DataFactory, Parser, Store } = N3
const SH = 'http://www.w3.org/ns/shacl#'

const parsed = new Map() // the ontology comes with every case: parse it once

function quads (file) {
  if (!parsed.has(file)) {
    const format = file.endsWith('.nq') ? 'N-Quads' : file.endsWith('.trig') ? 'TriG' : 'Turtle'
    parsed.set(file, new Parser({ format }).parse(readFileSync(file, 'utf8')))
  }
  return parsed.get(file)
}

function read (files) {
  const store = new Store()
  for (const q of files.flatMap(quads)) {
    store.addQuad(q.subject, q.predicate, q.object, DataFactory.defaultGraph())
  }
  return store
}

function one (store, subject, property) {
  const [object] = store.getObjects(subject, DataFactory.namedNode(SH + property), null)
  return object
}

const iri = term => (term && term.termType !== 'BlankNode' ? term.value : '')

// A path as pySHACL's report names it: an IRI, ^IRI for an inverse path, else empty.
function path (graph, term) {
  if (!term || term.termType === 'NamedNode') return iri(term)
  return iri(one(graph, term, 'inversePath')) ? '^' + one(graph, term, 'inversePath').value : ''
}

async function validator (shapes) {
  const { default: SHACLValidator } = await import('rdf-validate-shacl')
  const v = new SHACLValidator(shapes)
  return data => v.validate(data)
}

function results (report) {
  const graph = new Store([...report.dataset])
  const nested = new Set(graph.getObjects(null, DataFactory.namedNode(SH + 'detail'), null).map(t => t.id))
  return graph.getSubjects(DataFactory.namedNode(SH + 'resultSeverity'), null, null)
    .filter(r => !nested.has(r.id))
    .map(r => ({
      focus: iri(one(graph, r, 'focusNode')),
      path: path(graph, one(graph, r, 'resultPath')),
      value: one(graph, r, 'value') ? one(graph, r, 'value').value : '',
      shape: iri(one(graph, r, 'sourceShape')) || '_:',
      component: iri(one(graph, r, 'sourceConstraintComponent')),
      severity: iri(one(graph, r, 'resultSeverity'))
    }))
}

const lines = []
for await (const line of createInterface({ input: process.stdin })) lines.push(line)
const job = JSON.parse(lines.join('\n'))
const run = await validator(read(job.shapes))
for (const c of job.cases) {
  let out
  try {
    const report = await run(read(c.data))
    out = { name: c.name, conforms: report.conforms, results: results(report) }
  } catch (error) {
    out = { name: c.name, error: String((error && error.stack) || error) }
  }
  process.stdout.write(JSON.stringify(out) + '\n')
}
