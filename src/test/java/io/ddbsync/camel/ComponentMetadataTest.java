package io.ddbsync.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

/** The generated component JSON (what tooling and docs read) documents every operation, option and header. */
class ComponentMetadataTest {
    private static JsonObject json() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            String schema = ((org.apache.camel.CatalogCamelContext) context).getComponentParameterJsonSchema("dolphindb");
            assertNotNull(schema, "no generated JSON for dolphindb on the classpath");
            return (JsonObject) Jsoner.deserialize(schema);
        }
    }

    private static JsonObject obj(JsonObject parent, String key) {
        return (JsonObject) parent.get(key);
    }

    @Test
    void everyOperationAndOutputTypeIsListed() throws Exception {
        JsonObject operation = obj(obj(json(), "properties"), "operation");
        List<?> values = operation.getCollection("enum");
        for (DolphinDBOperation op : DolphinDBOperation.values()) assertTrue(values.contains(op.name()), op.name());
        assertTrue(operation.getBoolean("required"));
        List<?> outputs = obj(obj(json(), "properties"), "outputType").getCollection("enum");
        for (DolphinDBOutputType t : DolphinDBOutputType.values()) assertTrue(outputs.contains(t.name()), t.name());
    }

    @Test
    void everyOptionIsDocumented() throws Exception {
        JsonObject root = json();
        for (String group : new String[]{"componentProperties", "properties"}) {
            for (Map.Entry<String, Object> e : obj(root, group).entrySet()) {
                String description = ((JsonObject) e.getValue()).getString("description");
                assertTrue(description != null && description.length() > 10, group + "." + e.getKey() + " has no description");
            }
        }
        // every configuration field is an endpoint option
        for (Field f : DolphinDBConfiguration.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) continue;
            assertTrue(obj(root, "properties").containsKey(f.getName()), f.getName());
        }
        assertEquals("dolphindb:cluster", obj(root, "component").getString("syntax"));
    }

    @Test
    void everyHeaderIsDocumented() throws Exception {
        JsonObject headers = obj(json(), "headers");
        for (Field f : DolphinDBConstants.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != String.class) continue;
            String name = (String) f.get(null);
            JsonObject h = obj(headers, name);
            assertNotNull(h, name + " is not in the component JSON");
            assertTrue(h.getString("description").length() > 10, name);
            assertTrue(name.startsWith("CamelDolphinDB"), name);
        }
    }

    @Test
    void passwordIsASecret() throws Exception {
        JsonObject password = obj(obj(json(), "componentProperties"), "password");
        assertTrue(password.getBoolean("secret"));
        assertEquals("security", password.getString("label"));
        assertTrue(new DolphinDBEndpointUriFactory().secretPropertyNames().isEmpty(),
                "no credential is an endpoint option, so URIs cannot carry one");
    }

    @Test
    void theJarListsItsComponentForCamelsTooling() throws Exception {
        // every Camel jar has one such file: ours is the one with this project's coordinates
        List<Properties> lists = new ArrayList<>();
        Enumeration<URL> urls = getClass().getClassLoader().getResources("META-INF/services/org/apache/camel/component.properties");
        while (urls.hasMoreElements()) {
            Properties p = new Properties();
            try (InputStream in = urls.nextElement().openStream()) {
                p.load(in);
            }
            if ("io.ddbsync".equals(p.getProperty("groupId"))) lists.add(p);
        }
        assertEquals(1, lists.size(), "one generated component list of io.ddbsync on the classpath");
        assertEquals("dolphindb", lists.get(0).getProperty("components"));
        assertEquals("dolphindb-sync", lists.get(0).getProperty("artifactId"));
    }
}
