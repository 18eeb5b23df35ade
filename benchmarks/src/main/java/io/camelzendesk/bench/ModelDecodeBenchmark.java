package io.camelzendesk.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import io.camelzendesk.client.ZendeskJson;
import io.camelzendesk.model.Ticket;
import io.camelzendesk.model.ZendeskObject;

/**
 * Does the model's own deserializer pay? Decodes the export benchmark's tickets (2.6 KB of JSON each) into
 * {@link Ticket} three ways, in rotation so that each way meets the same machine load: with the model's
 * deserializer (what the component does), with Jackson's standard bean path (the model's {@code @JsonAnySetter},
 * what remains if the deserializer is removed), and into a {@code LinkedHashMap} (the cheapest full decode, for
 * reference). Prints records/s, the median of the rounds. No HTTP, no Camel: the decode alone.
 */
public final class ModelDecodeBenchmark {

    /** Switches the model's deserializer off: Jackson's bean deserializer with the any-setter. */
    @JsonDeserialize(using = JsonDeserializer.None.class)
    abstract static class StandardBeanPath {
    }

    public static void main(String[] args) throws Exception {
        Opts o = new Opts(args);
        int tickets = o.integer("tickets", 20_000);
        int rounds = o.integer("rounds", 7);
        List<byte[]> docs = new ArrayList<>(tickets);
        for (int i = 0; i < tickets; i++) {
            docs.add(Tickets.ticketJson(i + 1));
        }
        ObjectReader custom = ZendeskJson.MAPPER.readerFor(Ticket.class);
        ObjectReader standard = ZendeskJson.MAPPER.copy().addMixIn(ZendeskObject.class, StandardBeanPath.class)
                .readerFor(Ticket.class);
        ObjectReader map = ZendeskJson.MAPPER.readerFor(LinkedHashMap.class);
        ObjectReader[] readers = {custom, standard, map};
        String[] names = {"model deserializer", "Jackson bean path (any-setter)", "LinkedHashMap (reference)"};
        if (((Ticket) standard.readValue(docs.get(0))).fields().size()
                != ((Ticket) custom.readValue(docs.get(0))).fields().size()) {
            throw new IllegalStateException("the two model paths read different fields");
        }
        double[][] rates = new double[readers.length][rounds];
        for (int round = -2; round < rounds; round++) { // two warm-up rounds
            for (int r = 0; r < readers.length; r++) {
                long start = System.nanoTime();
                long sink = 0;
                for (byte[] doc : docs) {
                    sink += System.identityHashCode(readers[r].readValue(doc)) & 1;
                }
                double rate = tickets / ((System.nanoTime() - start) / 1e9);
                if (round >= 0) {
                    rates[r][round] = rate;
                }
                if (sink < 0) {
                    System.out.print("");
                }
            }
        }
        System.out.printf("decode of %,d tickets into the model, %d rounds in rotation (median, min-max records/s)%n",
                tickets, rounds);
        for (int r = 0; r < readers.length; r++) {
            double[] sorted = rates[r].clone();
            Arrays.sort(sorted);
            System.out.printf("  %-32s %,10.0f  (%,.0f-%,.0f)%n", names[r], sorted[rounds / 2], sorted[0],
                    sorted[rounds - 1]);
        }
    }
}
