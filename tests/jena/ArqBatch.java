// Runs SPARQL SELECT queries with Jena ARQ in one JVM (each JVM start costs seconds):
//   java -cp CLASSPATH ArqBatch.java QUADS.nq UNION.nt OUTDIR QUERY.rq...
// The quads go into their named graphs and the union into the default graph, as vzkg queries
// them; each query's results go to OUTDIR/<query file name>.json (SPARQL 1.1 JSON results),
// or its error to OUTDIR/<query file name>.error.
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.query.Syntax;
import org.apache.jena.riot.RDFDataMgr;

public class ArqBatch {
    public static void main(String[] args) throws Exception {
        Dataset dataset = DatasetFactory.create();
        RDFDataMgr.read(dataset, args[0]);
        RDFDataMgr.read(dataset.getDefaultModel(), args[1]);
        Path folder = Path.of(args[2]);
        for (int i = 3; i < args.length; i++) {
            Path file = Path.of(args[i]);
            String name = file.getFileName().toString();
            try {
                // strict SPARQL 1.1: no ARQ extensions
                Query query = QueryFactory.create(Files.readString(file), Syntax.syntaxSPARQL_11);
                try (QueryExecution run = QueryExecutionFactory.create(query, dataset);
                     OutputStream out = Files.newOutputStream(folder.resolve(name + ".json"))) {
                    ResultSetFormatter.outputAsJSON(out, run.execSelect());
                }
            } catch (Exception error) {
                Files.writeString(folder.resolve(name + ".error"), String.valueOf(error),
                                  StandardCharsets.UTF_8);
            }
        }
    }
}
