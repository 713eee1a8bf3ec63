package com.landrenew.sample;

import static java.time.temporal.ChronoUnit.DAYS;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.landrenew.sample.Enterprises.Enterprise;
import com.landrenew.sample.SampleSpecs.BlockSpec;
import com.landrenew.sample.SampleSpecs.ProjectSpec;
import com.landrenew.sample.SampleSpecs.Weighted;
import com.landrenew.sample.SampleSpecs.ZoneSpec;

/**
 * What one renewal project (有机更新项目) has done by the sample's reference date: which plots of its
 * blocks it takes back, which firm or households leave each, when the relocation agreement was signed
 * and when the plot was vacated, stored (收储) and prepared (净地). The plots' states follow from those
 * dates, so parcels.geojson and the ledger tell one story and the project's progress is the planned one.
 *
 * <p>The plan starts from the states the block filler drew: plots it drew as cleared stay cleared (they
 * have no buildings), and a plot still to be vacated is always one that has buildings.
 */
final class RenewalPlan {

    private static final LocalDate TODAY = SampleSpecs.REFERENCE_DATE;
    private static final Set<String> OLD_STATES =
            Set.of("in_use", "low_efficiency", "vacating", "vacated", "stored", "prepared");
    private static final Set<String> CLEARED = Set.of("vacated", "stored", "prepared");

    /**
     * One plot's relocation. {@code before} is the plot as the block filler drew it; {@code leaver} is the
     * holder until the plot is vacated: the firm that moves out, or for housing the village company that
     * holds it for the households (the ledger then counts the households and names no enterprise). Steps
     * not yet taken by the reference date are {@code null}.
     */
    record Relocation(Parcel before, Enterprise leaver, int households, LocalDate agreed, String agreementNo,
                      LocalDate vacated, LocalDate stored, String storageNo, LocalDate prepared) {

        String state() {
            return prepared != null ? "prepared" : stored != null ? "stored" : vacated != null ? "vacated"
                    : "vacating";
        }
    }

    /** Who moves out together: a firm with all its plots, or the households of one housing plot. */
    private static final class Mover {
        final List<Parcel> plots = new ArrayList<>();
        Enterprise leaver;
        int households;

        boolean isHousing() {
            return plots.get(0).isHousing();
        }

        /** Only a plot that still has its buildings can still be waiting to be vacated. */
        boolean stillBuilt() {
            return plots.stream().noneMatch(p -> CLEARED.contains(p.state()));
        }
    }

    private final ProjectSpec project;
    private final ZoneSpec zone;
    private final Enterprises enterprises;
    private final Random random;
    /** Firms already given a role, so that no firm stands for two movers. */
    private final Set<Enterprise> taken = new HashSet<>();

    RenewalPlan(ProjectSpec project, ZoneSpec zone, Enterprises enterprises, Random random) {
        this.project = project;
        this.zone = zone;
        this.enterprises = enterprises;
        this.random = random;
    }

    /** The relocations of the project's plots (and of plots of its blocks cleared before it), by parcel code. */
    Map<String, Relocation> plan(List<Parcel> parcels) {
        List<Parcel> candidates = new ArrayList<>();
        for (Parcel p : parcels) {
            if (p.zone() == zone && project.blocks().contains(p.block().code()) && OLD_STATES.contains(p.state())
                    && (p.isIndustrial() || p.isHousing())) {
                candidates.add(p);
            }
        }
        Map<String, Relocation> result = new LinkedHashMap<>();
        for (Parcel plot : earlierClearances(candidates)) {
            candidates.remove(plot);
            Mover mover = new Mover();
            mover.plots.add(plot);
            mover.leaver = newFirm(plot.block());
            LocalDate vacated = LocalDate.of(2020, 3, 1).plusDays(random.nextInt(950));
            relocate(mover, vacated.minusDays(60 + random.nextInt(240)), vacated, result);
        }
        List<Parcel> plots = projectPlots(candidates);
        List<Mover> households = households(plots);
        // The auditors count the firms that moved out; the village companies that hold the housing are not
        // among them (the households are what is counted there), so the target is all firms.
        List<Mover> movers = new ArrayList<>(firms(plots, project.targetEnterprises()));
        movers.addAll(households);
        schedule(movers, result);
        return result;
    }

    /** A few cleared plots whose firms left before the project: earlier land reserve work. */
    private List<Parcel> earlierClearances(List<Parcel> candidates) {
        List<Parcel> cleared = new ArrayList<>();
        for (Parcel p : candidates) {
            if (CLEARED.contains(p.state()) && p.isIndustrial()) {
                cleared.add(p);
            }
        }
        Collections.shuffle(cleared, random);
        return cleared.subList(0, Math.min(project.earlierClearances(), cleared.size()));
    }

    /**
     * The plots the project takes back: those already drawn as cleared, the housing if it relocates
     * households, then whole street blocks, the furthest-gone first, until it covers its target area.
     */
    private List<Parcel> projectPlots(List<Parcel> candidates) {
        Map<String, Double> progress = new HashMap<>();
        Map<String, Integer> lots = new HashMap<>();
        for (Parcel p : candidates) {
            progress.merge(streetBlock(p), stage(p.state()), Double::sum);
            lots.merge(streetBlock(p), 1, Integer::sum);
        }
        List<Parcel> ordered = new ArrayList<>(candidates);
        ordered.sort(Comparator.comparing((Parcel p) -> !required(p))
                .thenComparing(p -> -progress.get(streetBlock(p)) / lots.get(streetBlock(p)))
                .thenComparing(Parcel::code));
        List<Parcel> chosen = new ArrayList<>();
        double mu = 0;
        for (Parcel p : ordered) {
            if (required(p) || mu < project.targetMu()) {
                chosen.add(p);
                mu += p.mu();
            }
        }
        chosen.sort(Comparator.comparing(Parcel::code));
        return chosen;
    }

    private boolean required(Parcel p) {
        return CLEARED.contains(p.state()) || (p.isHousing() && project.targetHouseholds() > 0);
    }

    private static String streetBlock(Parcel p) {
        return p.block().code() + "/" + p.streetBlock();
    }

    /** How far along the renewal path the filler drew a plot: cleared 3, vacating 2, rated low 1. */
    private static double stage(String state) {
        return switch (state) {
            case "vacated", "stored", "prepared" -> 3;
            case "vacating" -> 2;
            case "low_efficiency" -> 1;
            default -> 0;
        };
    }

    /**
     * The firms that hold the project's industrial plots: {@code count} of them, shared out between the
     * blocks by area, each holding a run of neighbouring plots. A firm already drawn for one of the run's
     * plots keeps it; a run with none (all drawn as cleared) gets a new firm of the block's industries.
     */
    private List<Mover> firms(List<Parcel> plots, int count) {
        Map<BlockSpec, List<Parcel>> byBlock = new LinkedHashMap<>();
        for (Parcel p : plots) {
            if (!p.isHousing()) {
                byBlock.computeIfAbsent(p.block(), b -> new ArrayList<>()).add(p);
            }
        }
        double[] area = new double[byBlock.size()];
        int i = 0;
        for (List<Parcel> blockPlots : byBlock.values()) {
            area[i++] = blockPlots.stream().mapToDouble(Parcel::mu).sum();
        }
        int[] firmsPerBlock = apportion(count, area);
        List<Mover> firms = new ArrayList<>();
        i = 0;
        for (List<Parcel> blockPlots : byBlock.values()) {
            for (List<Parcel> run : runs(blockPlots, firmsPerBlock[i++])) {
                Mover firm = new Mover();
                firm.plots.addAll(run);
                for (Parcel p : run) {
                    if (p.holder() != null && !taken.contains(p.holder())) {
                        firm.leaver = p.holder();
                        break;
                    }
                }
                if (firm.leaver == null) {
                    firm.leaver = newFirm(run.get(0).block());
                }
                taken.add(firm.leaver);
                firms.add(firm);
            }
        }
        return firms;
    }

    /** {@code plots} cut into {@code count} runs of roughly equal length. */
    private List<List<Parcel>> runs(List<Parcel> plots, int count) {
        int n = plots.size();
        count = Math.min(count, n);
        List<List<Parcel>> runs = new ArrayList<>();
        int start = 0;
        for (int j = 1; j <= count; j++) {
            int end = j == count ? n : (int) Math.round((j + 0.7 * (random.nextDouble() - 0.5)) * n / count);
            end = Math.max(start + 1, Math.min(end, n - (count - j)));
            runs.add(plots.subList(start, end));
            start = end;
        }
        return runs;
    }

    /** One mover per housing plot; the project's households are shared out by area. */
    private List<Mover> households(List<Parcel> plots) {
        List<Mover> movers = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (Parcel p : plots) {
            if (p.isHousing()) {
                Mover mover = new Mover();
                mover.plots.add(p);
                mover.leaver = village(p);
                movers.add(mover);
                weights.add(p.mu() * (0.7 + 0.6 * random.nextDouble()));
            }
        }
        int[] households = apportion(project.targetHouseholds(), weights.stream().mapToDouble(d -> d).toArray());
        for (int i = 0; i < movers.size(); i++) {
            movers.get(i).households = Math.max(1, households[i]);
        }
        return movers;
    }

    /** The block's village company: the holder the filler drew for its housing, or a new one. */
    private Enterprise village(Parcel housing) {
        String name = zone.villageCompany(housing.block());
        for (Enterprise e : enterprises.all()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return enterprises.named(zone, name, SampleSpecs.VILLAGE, true, random);
    }

    private Enterprise newFirm(BlockSpec block) {
        Enterprise firm = enterprises.create(zone, Weighted.pick(block.industries(), random), false, random);
        taken.add(firm);
        return firm;
    }

    /**
     * Spreads the movers that have gone over the project's months so far, in random order; the rest
     * (chosen among plots that still have buildings) have signed and are still vacating.
     */
    private void schedule(List<Mover> movers, Map<String, Relocation> result) {
        List<Mover> stillThere = new ArrayList<>();
        stillThere.addAll(stillThere(movers.stream().filter(m -> !m.isHousing()).toList()));
        stillThere.addAll(stillThere(movers.stream().filter(Mover::isHousing).toList()));
        List<Mover> gone = new ArrayList<>(movers);
        gone.removeAll(stillThere);
        Collections.shuffle(gone, random);
        LocalDate first = project.started().plusDays(40);
        long span = DAYS.between(first, TODAY.minusDays(12));
        for (int i = 0; i < gone.size(); i++) {
            double slot = (i + 0.5 + 0.8 * (random.nextDouble() - 0.5)) / gone.size();
            LocalDate vacated = first.plusDays(Math.round(slot * span));
            relocate(gone.get(i), vacated.minusDays(45 + random.nextInt(255)), vacated, result);
        }
        for (Mover mover : stillThere) {
            relocate(mover, TODAY.minusDays(20 + random.nextInt(380)), null, result);
        }
    }

    private List<Mover> stillThere(List<Mover> movers) {
        int count = movers.size() - (int) Math.round(movers.size() * project.progress());
        List<Mover> eligible = new ArrayList<>(movers.stream().filter(Mover::stillBuilt).toList());
        if (eligible.size() < count) {
            throw new IllegalStateException(project.code() + ": too few built plots left to be still vacating");
        }
        Collections.shuffle(eligible, random);
        return eligible.subList(0, count);
    }

    /** Records a mover's plots: stored together 2–10 months after they were vacated, some prepared later. */
    private void relocate(Mover mover, LocalDate agreed, LocalDate vacated, Map<String, Relocation> result) {
        String agreementNo = documentNo(zone.offices().zoneDocument(), agreed);
        LocalDate stored = vacated == null ? null : byToday(vacated.plusDays(60 + random.nextInt(270)));
        String storageNo = stored == null ? null : documentNo(zone.offices().reserveDocument(), stored);
        for (Parcel plot : mover.plots) {
            LocalDate prepared = stored != null && random.nextDouble() < 0.4
                    ? byToday(stored.plusDays(90 + random.nextInt(270))) : null;
            result.put(plot.code(), new Relocation(plot, mover.leaver, mover.households, agreed, agreementNo,
                    vacated, stored, storageNo, prepared));
        }
    }

    private String documentNo(String prefix, LocalDate date) {
        return prefix + "〔" + date.getYear() + "〕" + (5 + random.nextInt(140)) + "号";
    }

    private static LocalDate byToday(LocalDate date) {
        return date.isAfter(TODAY) ? null : date;
    }

    /** {@code total} shared out in proportion to {@code weights} (largest remainders), as whole numbers. */
    static int[] apportion(int total, double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        int[] shares = new int[weights.length];
        double[] remainders = new double[weights.length];
        int given = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = total * weights[i] / sum;
            shares[i] = (int) Math.floor(exact);
            remainders[i] = exact - shares[i];
            given += shares[i];
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> -remainders[i]).thenComparing(i -> i));
        for (int k = 0; k < total - given; k++) {
            shares[order.get(k)]++;
        }
        return shares;
    }
}
