/**
 * The `camel` command of Camel JBang, without JBang: the same entry point its launcher script calls,
 * run by Java's source launcher on camel-jbang-core's classpath (pom.xml next to this file):
 * <pre>
 * java -cp "$(cat target/camel-jbang.classpath)" src/it/jbang/CamelJBang.java run config/application.properties ...
 * </pre>
 */
public class CamelJBang {
    public static void main(String... args) {
        org.apache.camel.dsl.jbang.core.commands.CamelJBangMain.run(args);
    }
}
