// Planted by tools/analyzer-precision/run.sh: a race every build must report (MG1002), proving the analyzers ran.
internal static class MapGuardPlantedRace
{
    private static readonly System.Collections.Generic.List<int> s_planted = new();

    public static void Plant(int value) => s_planted.Add(value);
}
