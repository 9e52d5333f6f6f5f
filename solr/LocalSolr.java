// Solr 9 servers for the suite, from the Maven Central jars in .state/solr/lib,
// run as a single-file Java program (java -cp 'lib/*' solr/LocalSolr.java ...):
//
//   node  PORT SOLR_HOME        one standalone Solr node serving SOLR_HOME's cores
//                               at http://127.0.0.1:PORT/solr (scripts/solr.sh's
//                               main node uses JettySolrRunner.main, port 8983)
//   cloud PORT1 PORT2 BASE_DIR  SolrCloud: an embedded ZooKeeper and two Solr
//                               nodes on PORT1 and PORT2 (solr-test-framework's
//                               MiniSolrCloudCluster); the ZooKeeper address is
//                               written to BASE_DIR/zk_host
//
// Both bind 127.0.0.1 only and run until the process is stopped.
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

public class LocalSolr {
  static JettyConfig jetty(int port) {
    return JettyConfig.builder().setPort(port).setContext("/solr").stopAtShutdown(true).build();
  }

  public static void main(String[] args) throws Exception {
    switch (args.length > 0 ? args[0] : "") {
      case "node": {
        JettySolrRunner node = new JettySolrRunner(args[2], jetty(Integer.parseInt(args[1])));
        node.start();
        break;
      }
      case "cloud": {
        Path base = Path.of(args[3]);
        Files.createDirectories(base);
        MiniSolrCloudCluster cluster =
            new MiniSolrCloudCluster(
                0, base, MiniSolrCloudCluster.DEFAULT_CLOUD_SOLR_XML, jetty(0));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try { cluster.shutdown(); } catch (Exception e) { e.printStackTrace(); }
        }));
        for (int i = 1; i <= 2; i++) {
          cluster.startJettySolrRunner("node" + i, "/solr", jetty(Integer.parseInt(args[i])));
        }
        Files.writeString(base.resolve("zk_host"), cluster.getZkServer().getZkAddress());
        break;
      }
      default:
        System.err.println("usage: LocalSolr node PORT SOLR_HOME | cloud PORT1 PORT2 BASE_DIR");
        System.exit(2);
    }
    Thread.currentThread().join();
  }
}
