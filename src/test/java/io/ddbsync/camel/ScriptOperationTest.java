package io.ddbsync.camel;

import com.xxdb.data.BasicTable;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ScriptOperationTest extends DolphinDBTestSupport {
    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:script").to("dolphindb:src?operation=script");
                from("direct:maps").to("dolphindb:src?operation=script&outputType=listOfMaps");
                from("direct:fixed").to("dolphindb:src?operation=script&script=6*7");
            }
        };
    }

    @Test
    void scalarComesBackAsJavaValue() {
        assertEquals(3, template.requestBody("direct:script", "1+2"));
        assertEquals("ab", template.requestBody("direct:script", "\"a\" + \"b\""));
        assertEquals(List.of(1, 2, 3), template.requestBody("direct:script", "1..3"));
    }

    @Test
    void tableComesBackAsBasicTableWithRowCount() {
        Exchange out = template.request("direct:script", e -> e.getMessage().setBody("table(1 2 3 as a, `x`y`z as b)"));
        BasicTable t = out.getMessage().getBody(BasicTable.class);
        assertEquals(3, t.rows());
        assertEquals("y", t.getColumn("b").getString(1));
        assertEquals(3L, out.getMessage().getHeader(DolphinDBConstants.ROW_COUNT));
    }

    @Test
    void tableAsListOfMaps() {
        Object body = template.requestBody("direct:maps", "table(1 2 as a, `x`y as b)");
        assertEquals(List.of(Map.of("a", 1, "b", "x"), Map.of("a", 2, "b", "y")), body);
    }

    @Test
    void scriptOptionAndHeaderWhenBodyIsEmpty() {
        assertEquals(42, template.requestBody("direct:fixed", (Object) null));
        assertEquals(7, template.requestBodyAndHeader("direct:script", null, DolphinDBConstants.SCRIPT, "3+4"));
    }

    @Test
    void sessionVariablesDoNotLeakBetweenCalls() {
        assertEquals(5, template.requestBody("direct:script", "leak = 5; leak"));
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.requestBody("direct:script", "leak"));
        assertInstanceOf(DolphinDBOperationException.class, e.getCause());
    }

    @Test
    void serverErrorCarriesTheServersMessage() {
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.requestBody("direct:script", "noSuchFunction(1)"));
        DolphinDBOperationException d = assertInstanceOf(DolphinDBOperationException.class, e.getCause());
        assertEquals("src", d.getCluster());
        assertEquals("script", d.getOperation());
        assertTrue(d.getServerMessage().contains("noSuchFunction"), d.getServerMessage());
        assertFalse(d.getMessage().contains(SECRET));
    }
}
