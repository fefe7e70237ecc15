import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Creates the generator's topics for the benchmark (run as a single-file program with the Kafka client jars on the
 * class path): java -cp CLASSPATH CreateTopics.java BOOTSTRAP PARTITIONS
 */
public class CreateTopics {
    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int partitions = Integer.parseInt(args[1]);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<NewTopic> topics = new ArrayList<>();
            topics.add(new NewTopic("clickstream", partitions, (short) 1));
            topics.add(new NewTopic("clickstream.users", partitions, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")));
            topics.add(new NewTopic("clickstream.truth.page-views-1m", partitions, (short) 1));
            topics.add(new NewTopic("clickstream.truth.sessions", partitions, (short) 1));
            admin.createTopics(topics).all().get();
        }
    }
}
